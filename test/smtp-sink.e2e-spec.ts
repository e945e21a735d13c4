import { connect, Socket } from 'node:net';
import { SmtpSink, startSmtpSink } from './support';

/** Sends the SMTP dialogue up to DATA, then resets the socket as a SIGKILLed worker's kernel does. */
async function dieMidData(port: number): Promise<void> {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  // The final line of a reply is `<code> <text>`; smtp-server refuses a client that talks before it.
  const waitFor = async (code: string) => {
    while (!received.split('\r\n').some((line) => line.startsWith(`${code} `))) await new Promise((resolve) => setTimeout(resolve, 5));
    received = '';
  };
  await waitFor('220');
  for (const [line, code] of [
    ['EHLO worker', '250'],
    ['MAIL FROM:<a@example.com>', '250'],
    ['RCPT TO:<b@example.com>', '250'],
    ['DATA', '354'],
  ]) {
    socket.write(`${line}\r\n`);
    await waitFor(code);
  }
  socket.resetAndDestroy();
}

describe('SMTP sink (test support)', () => {
  let sink: SmtpSink;
  afterAll(() => sink?.close());

  it('survives clients that reset their socket mid-transaction, and records why', async () => {
    sink = await startSmtpSink();
    const port = Number(new URL(sink.url).port);
    // Twice: the first reset used to be taken by the listen()'s one-off error listener, the second crashed jest.
    await dieMidData(port);
    await dieMidData(port);
    const deadline = Date.now() + 10_000;
    while (sink.clientErrors.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sink.clientErrors.map((e) => e.code)).toEqual(['ECONNRESET', 'ECONNRESET']);
    expect(sink.messages).toHaveLength(0);
  });
});
