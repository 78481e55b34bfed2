// The digest's HTML by e-mail (nodemailer over SMTP). The document has no
// scripts and inline SVG only, so it is the mail body as it is.

import nodemailer from 'nodemailer';

export interface DigestMail {
  smtpUrl: string;
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  /** Message-ID: stable per digest, so a resend by hand is recognisably the same message. */
  messageId: string;
}

export async function sendDigestMail(m: DigestMail): Promise<{ messageId: string; accepted: string[] }> {
  const transport = nodemailer.createTransport(m.smtpUrl);
  try {
    const info = await transport.sendMail({
      from: m.from,
      to: m.to,
      subject: m.subject,
      html: m.html,
      text: m.text,
      messageId: m.messageId,
      textEncoding: 'base64',
    });
    return { messageId: info.messageId, accepted: info.accepted.map(String) };
  } finally {
    transport.close();
  }
}
