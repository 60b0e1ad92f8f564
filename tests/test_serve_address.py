"""Without sign-in the app answers on this computer only: `qualcode serve` and `make run` listen on 127.0.0.1,
and another address without --auth is refused unless asked for explicitly."""

from __future__ import annotations

import os
import socket
import ssl
import subprocess
import sys
import time
import urllib.request

from click.testing import CliRunner

from qualcode.cli import main
from qualcode.project import Project

from .browser import ROOT, free_port, stop_group, wait_until_up


def outward_address() -> str | None:
    """This machine's address on its network (no packet is sent), or None when it has only loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: routing only picks the interface
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def answers(address: str, port: int) -> bool:
    with socket.socket() as client:
        client.settimeout(5)
        return client.connect_ex((address, port)) == 0


def test_serve_without_auth_listens_on_this_computer_only(project: Project):
    path = str(project.path)
    project.close()
    port = free_port()
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    proc = subprocess.Popen([sys.executable, "-m", "qualcode.cli", "serve", path, "--port", str(port)], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}", proc)
        assert answers("127.0.0.1", port)
        outward = outward_address()
        if outward is not None:  # a machine with only loopback cannot tell the two apart
            assert not answers(outward, port)
    finally:
        output = stop_group(proc)
    assert "Network URL" not in output and f"http://127.0.0.1:{port}" in output


def test_a_public_address_without_sign_in_is_refused(project: Project):
    path = str(project.path)
    project.close()
    refused = CliRunner().invoke(main, ["serve", path, "--address", "0.0.0.0"])
    assert refused.exit_code == 2
    assert "listening on 0.0.0.0 without --auth" in refused.output and "--public-without-sign-in" in refused.output


def test_the_explicit_flag_serves_publicly_with_a_warning(project: Project):
    path = str(project.path)
    project.close()
    port = free_port()
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    proc = subprocess.Popen([sys.executable, "-m", "qualcode.cli", "serve", path, "--port", str(port), "--address",
                             "0.0.0.0", "--public-without-sign-in"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}", proc)
        outward = outward_address()
        if outward is not None:
            assert answers(outward, port)
    finally:
        output = stop_group(proc)
    assert "warning: serving" in output and "without sign-in" in output


def test_make_run_listens_on_this_computer_only():
    dry = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    command = next(line for line in dry.splitlines() if "streamlit run app.py" in line)
    assert "--server.address 127.0.0.1" in command


def test_serve_passes_a_certificate_through_and_answers_https(project: Project, tmp_path):
    """--certfile/--keyfile serve HTTPS directly (Streamlit's sslCertFile/sslKeyFile); one without the other is
    refused."""
    project.add_user("ana", "ana-secret-1", "admin")
    path = str(project.path)
    project.close()
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    port = free_port()
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    proc = subprocess.Popen([sys.executable, "-m", "qualcode.cli", "serve", path, "--auth", "--port", str(port),
                             "--certfile", str(cert), "--keyfile", str(key)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    context = ssl.create_default_context(cafile=str(cert))  # our certificate, and only it, is trusted
    context.check_hostname = False
    status = None
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"https://127.0.0.1:{port}/_stcore/health", timeout=2,
                                            context=context) as reply:
                    status = reply.status
                    break
            except OSError:
                time.sleep(0.5)
    finally:
        output = stop_group(proc)
    assert status == 200, output
    assert "clear text" not in output
    half = CliRunner().invoke(main, ["serve", path, "--auth", "--certfile", str(cert)])
    assert half.exit_code == 2 and "--certfile and --keyfile go together" in half.output


def test_a_team_server_without_tls_says_passwords_cross_in_clear_text(project: Project):
    project.add_user("ana", "ana-secret-1", "admin")
    path = str(project.path)
    project.close()
    port = free_port()
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    proc = subprocess.Popen([sys.executable, "-m", "qualcode.cli", "serve", path, "--auth", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}", proc)
    finally:
        output = stop_group(proc)
    assert "passwords cross the network in clear text" in output and "--certfile/--keyfile" in output
