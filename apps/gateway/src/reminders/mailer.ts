import { createTransport, type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Stable per reminder: a receiving system may drop a repeat after a crash between send and record. */
  messageId: string;
}

/** Sends one mail; a refusal that will not change on retry is a `MailRefused`, anything else is retried. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** The server answered with a permanent failure (5xx): the address or the mail will not be taken. */
export class MailRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailRefused';
  }
}

/** Mail through an SMTP server (smtp:// or smtps:// URL, credentials in it) via nodemailer. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(url: string, private readonly from: string, options: { timeoutMs?: number } = {}) {
    const timeout = options.timeoutMs ?? 15_000;
    const u = new URL(url);
    const secure = u.protocol === 'smtps:';
    this.transport = createTransport({
      host: u.hostname,
      port: u.port ? Number(u.port) : secure ? 465 : 587,
      secure,
      ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500 && code < 600) throw new MailRefused(`${code} ${(error as Error).message}`);
      throw error;
    }
  }

  close(): void {
    this.transport.close();
  }
}
