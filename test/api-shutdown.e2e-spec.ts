import { connect, Socket } from 'node:net';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { createTestApp } from './support';

/**
 * Stopping the API ends its open connections. Node's server.close() waits for each connection busy at that moment,
 * and Nest closes the server last: a request whose body never finishes (or a keep-alive client polling through
 * the shutdown) held the API open for minutes, or for ever.
 */
describe('API shutdown', () => {
  jest.setTimeout(30_000);

  it('stops while a request is still being received on an open connection, and that connection is ended', async () => {
    const t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    const { port } = (t.app.getHttpServer() as Server).address() as AddressInfo;
    const socket: Socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const ended = new Promise((resolve) => socket.once('close', resolve));
    // Headers and the start of a body that never comes: the request is in flight when the API is told to stop.
    socket.write('POST /v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"em');
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Without forceCloseConnections this waits for the server's requestTimeout (300 s): the test's 30 s fail it.
    await t.close();
    await ended;
  });
});
