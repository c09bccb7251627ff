"""The test SMTP server that scripts/smtp starts: aiosmtpd (PyPI) on 127.0.0.1, three ports.

  starttls  offers STARTTLS (the certificate scripts/smtp made) and AUTH PLAIN/LOGIN only after it
  smtps     TLS from the first byte (implicit TLS, as on port 465), AUTH PLAIN/LOGIN
  plain     no TLS, AUTH over plain text (only a loopback client may use it), no 8BITMIME

One test account (user and password from the environment). Each message received is saved to
DIR/mail/NNNNNN.json (written whole, then renamed): the envelope, the port, whether TLS and AUTH
were used and by whom, the raw DATA as received (after the server undid the dot-stuffing), and
the message as Python's own e-mail parser reads it: headers and each part decoded to text. The
tests read those files.

Run: python smtp-server.py DIR   (the ports are written to DIR/ports when all three listen)
"""
import email
import email.policy
import itertools
import json
import os
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

DIRECTORY = sys.argv[1]
MAIL = os.path.join(DIRECTORY, "mail")
USER = os.environ["BC_SMTP_TEST_USER"].encode()
PASSWORD = os.environ["BC_SMTP_TEST_PASSWORD"].encode()
COUNTER = itertools.count(1)
LOCK = threading.Lock()


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER and auth_data.password == PASSWORD
    # The mechanism is kept as the login's record: PLAIN or LOGIN, as the client chose.
    return AuthResult(success=ok, handled=False, auth_data=[mechanism, auth_data.login if ok else None])


def parsed(raw):
    """Headers and parts as Python's e-mail package reads them (an independent MIME reader)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    headers = [[name, str(value)] for name, value in message.items()]
    parts = []
    for part in message.walk():
        if part.is_multipart():
            continue
        parts.append({
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "transfer_encoding": part.get("Content-Transfer-Encoding"),
            "text": part.get_content(),
        })
    return {"headers": headers, "content_type": message.get_content_type(), "parts": parts,
            "defects": [type(defect).__name__ for defect in message.defects]}


class Saver:
    def __init__(self, name, offer_8bitmime=True):
        self.name = name
        self.offer_8bitmime = offer_8bitmime

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if not self.offer_8bitmime:
            responses = [line for line in responses if "8BITMIME" not in line]
        return responses

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or b""
        record = {
            "port": self.name,
            "ehlo": session.host_name,
            # STARTTLS sets session.ssl; implicit TLS shows on the transport.
            "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
            "auth": session.authenticated,
            "mechanism": session.auth_data[0] if session.auth_data else None,
            "login": session.auth_data[1].decode("utf-8", "replace") if session.auth_data else None,
            "mail_from": envelope.mail_from,
            "mail_options": envelope.mail_options,
            "rcpt_tos": envelope.rcpt_tos,
            "raw": raw.decode("utf-8", "surrogateescape").encode("utf-8", "backslashreplace").decode("utf-8"),
            "raw_bytes": len(raw),
            "message": parsed(raw),
        }
        with LOCK:
            number = next(COUNTER)
        path = os.path.join(MAIL, "%06d-%d.json" % (number, os.getpid()))
        with open(path + ".tmp", "w", encoding="utf-8") as handle:
            json.dump(record, handle, ensure_ascii=False, indent=1)
        os.rename(path + ".tmp", path)
        return "250 2.0.0 OK: queued as %d" % number


def main():
    os.makedirs(MAIL, exist_ok=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(os.path.join(DIRECTORY, "server.pem"), os.path.join(DIRECTORY, "server-key.pem"))
    ports = {}
    for name, port in zip(("starttls", "smtps", "plain"), sys.argv[2:5]):
        common = dict(hostname="127.0.0.1", port=int(port), authenticator=authenticator, server_hostname="mail.test",
                      ready_timeout=30)
        if name == "starttls":
            controller = Controller(Saver(name), tls_context=context, auth_require_tls=True, **common)
        elif name == "smtps":
            controller = Controller(Saver(name), ssl_context=context, auth_require_tls=False, **common)
        else:
            controller = Controller(Saver(name, offer_8bitmime=False), auth_require_tls=False, **common)
        controller.start()
        ports[name] = int(port)
    with open(os.path.join(DIRECTORY, "ports.tmp"), "w") as handle:
        json.dump(ports, handle)
    os.rename(os.path.join(DIRECTORY, "ports.tmp"), os.path.join(DIRECTORY, "ports"))
    threading.Event().wait()


if __name__ == "__main__":
    main()
