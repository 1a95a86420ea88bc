#!/usr/bin/python3
"""A real SMTP server for the CurlMail tests: Debian's aiosmtpd with STARTTLS and AUTH required.

    /usr/bin/python3 aiosmtpd_server.py --cert server.pem --key server.key --maildir DIR \
        [--user U --password P]

Listens on 127.0.0.1 on a free port and prints "PORT <n>" on stdout once it accepts connections.
Every accepted message is written to DIR/<n>.eml (the DATA bytes exactly as received, dot-stuffing
undone) with its envelope in DIR/<n>.env ("from\\nto\\n"); every new connection appends a line to
DIR/connections.log. Runs until killed.
"""
import argparse
import asyncio
import os
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

from servercommon import exit_with_parent


class Handler:
    def __init__(self, maildir):
        self.maildir = maildir
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.maildir, "%06d" % self.count)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".env", "w") as f:
            f.write("%s\n%s\n" % (envelope.mail_from, ",".join(envelope.rcpt_tos)))
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 2.0.0 Ok: queued as Q%06d" % self.count


def main():
    exit_with_parent()
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--user", default="roster")
    parser.add_argument("--password", default="secret")
    args = parser.parse_args()

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    handler = Handler(args.maildir)
    connections = os.path.join(args.maildir, "connections.log")

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == args.user.encode()
            and auth_data.password == args.password.encode()
        )
        # handled=False lets aiosmtpd send the 535 itself; handled=True with no reply hangs clients.
        return AuthResult(success=True) if ok else AuthResult(success=False, handled=False)

    class CountingSMTP(SMTP):
        def connection_made(self, transport):
            if not getattr(self, "_counted", False):  # STARTTLS calls this again on the same session
                self._counted = True
                with open(connections, "a") as f:
                    f.write("connect\n")
            super().connection_made(transport)

    def factory():
        return CountingSMTP(
            handler,
            hostname="aiosmtpd.test",
            tls_context=context,
            require_starttls=True,
            auth_required=True,
            auth_require_tls=True,
            authenticator=authenticator,
            decode_data=False,
        )

    async def serve():
        server = await asyncio.get_running_loop().create_server(factory, "127.0.0.1", 0)
        print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
        await server.serve_forever()

    asyncio.run(serve())


if __name__ == "__main__":
    sys.exit(main())
