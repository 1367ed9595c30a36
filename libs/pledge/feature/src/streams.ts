export const directoryStream = (bureauId: string) => `directory-${bureauId}`;
export const pledgeStream = (pledgeId: string) => `pledge-${pledgeId}`;
/** Holds the one individual pledge book a member may have in a year. */
export const bookReservationStream = (bureauId: string, memberId: string, year: number) => `pledgebook-${bureauId}.${memberId}.${year}`;

export const PLEDGE_STREAM_PREFIXES = ['directory-', 'pledge-'] as const;
