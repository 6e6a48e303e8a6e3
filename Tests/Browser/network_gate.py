"""A network the test can cut: a TCP relay between the browser and the server. Shut, it drops
every connection and refuses new ones, so nothing in the browser — the page, its scripts, its
service worker — reaches the server, as when a phone loses its signal."""
import select
import socket
import socketserver
import threading
import urllib.parse


class NetworkGate:
    def __init__(self, upstream):
        parsed = urllib.parse.urlparse(upstream)
        self.upstream = (parsed.hostname, parsed.port)
        self.shut = False
        self.connections = set()
        self.lock = threading.Lock()
        gate = self

        class Relay(socketserver.BaseRequestHandler):
            def handle(self):
                if gate.shut:
                    return
                try:
                    server = socket.create_connection(gate.upstream)
                except OSError:
                    return
                with gate.lock:
                    gate.connections.update((self.request, server))
                try:
                    sockets = [self.request, server]
                    while not gate.shut:
                        readable, _, _ = select.select(sockets, [], [], 0.2)
                        for source in readable:
                            data = source.recv(65536)
                            if not data:
                                return
                            (server if source is self.request else self.request).sendall(data)
                except OSError:
                    return
                finally:
                    with gate.lock:
                        gate.connections.discard(self.request)
                        gate.connections.discard(server)
                    server.close()

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Relay)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def cut(self):
        """The network is gone: every open connection is dropped, new ones are refused."""
        self.shut = True
        with self.lock:
            for connection in list(self.connections):
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def restore(self):
        self.shut = False

    def close(self):
        self.server.shutdown()
        self.server.server_close()
