"""The test run reaches no network but loopback: every other host is refused before connecting."""

from __future__ import annotations

import socket
import threading

import pytest
from pytest_socket import SocketConnectBlockedError


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_hosts_outside_the_allow_list_are_refused() -> None:
    # 127.0.0.2 is loopback too, so even a broken guard would send nothing off this machine;
    # it is simply not on the allow-list, like every internet host.
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(SocketConnectBlockedError),
    ):
        sock.connect(("127.0.0.2", 9))


def test_loopback_servers_started_by_tests_are_reachable() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        accepted: list[bytes] = []

        def serve() -> None:
            conn, _ = server.accept()
            with conn:
                accepted.append(conn.recv(5))

        thread = threading.Thread(target=serve)
        thread.start()
        with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
            client.sendall(b"habar")
        thread.join(timeout=5)
    assert accepted == [b"habar"]
