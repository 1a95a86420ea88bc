#!/usr/bin/python3
"""A programmable SMTP server for the CurlMail fault tests (standard library only).

    /usr/bin/python3 fault_smtp_server.py --scenario NAME --cert server.pem --key server.key \
        --log FILE [--delay SECONDS] [--implicit-tls]

Listens on 127.0.0.1 on a free port and prints "PORT <n>" on stdout once it accepts connections.
It speaks just enough ESMTP for libcurl: EHLO (STARTTLS, then AUTH PLAIN LOGIN), STARTTLS, AUTH,
MAIL, RCPT, DATA, RSET, NOOP, QUIT. Each event is appended to --log ("connect", "mail", "rcpt",
"data", "dot", "quit"; and "command <line>" for MAIL and RCPT) so tests can count connections, see
how far a client got and what it sent.

Scenarios (all other steps succeed; "ok" fails nothing):
  ok            every transaction is accepted: 250 2.0.0 Ok: queued as F<n>
  greeting421   421 4.3.2 at the greeting, then close
  slowGreeting  accept the connection and never greet
  rcpt451       451 4.7.1 on RCPT          rcpt452  452 4.5.3 on RCPT     rcpt550  550 5.1.1 on RCPT
  data554       554 5.7.1 after the final dot
  dropAfterDot  close the connection after the final dot without replying
  slowReply     wait --delay seconds after the final dot, then 250 (tests set a shorter client timeout)
  slowFirst     like slowReply for the first message only; later messages are accepted at once
  stallData     after the 354, stop reading the body (the client's upload stalls)
  closeAfterEach  accept each message, then close the connection without a word (an idle timeout)
  noStarttls    EHLO does not offer STARTTLS
  plain         no STARTTLS offered, no AUTH required (the loopback tls=none case)
  auth535       535 5.7.8 on AUTH
  auth454       454 4.7.0 on AUTH
  multiline550  a multi-line 550 on RCPT

--implicit-tls: TLS from the first byte (smtps://); EHLO then offers AUTH and no STARTTLS.
--max-connections N: a connection beyond N open at once is greeted with 421 4.3.2 and closed (a relay's
limit on concurrent connections); the others follow the scenario.
"""
import argparse
import asyncio
import base64
import ssl
import sys

from servercommon import exit_with_parent

SCENARIOS = {
    "ok", "greeting421", "slowGreeting", "rcpt451", "rcpt452", "rcpt550", "data554", "dropAfterDot",
    "slowReply", "slowFirst", "stallData", "closeAfterEach", "noStarttls", "plain", "auth535", "auth454", "multiline550",
}


def main():
    exit_with_parent()
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", required=True, choices=sorted(SCENARIOS))
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--delay", type=float, default=5.0)
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--max-connections", type=int, default=0)
    args = parser.parse_args()
    scenario = args.scenario
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    accepted = [0]
    dots = [0]
    open_sessions = [0]

    def log(event):
        with open(args.log, "a") as f:
            f.write(event + "\n")

    async def session(reader, writer):
        log("connect")
        tls = args.implicit_tls
        open_sessions[0] += 1

        async def send(*lines):
            writer.write(b"".join(line.encode() + b"\r\n" for line in lines))
            await writer.drain()

        try:
            if args.max_connections and open_sessions[0] > args.max_connections:
                log("refused")
                await send("421 4.3.2 fault.test Concurrent connections limit exceeded")
                return
            if scenario == "greeting421":
                await send("421 4.3.2 fault.test Service not available, closing channel")
                return
            if scenario == "slowGreeting":
                await asyncio.sleep(3600)
                return
            await send("220 fault.test ESMTP fault server")
            while True:
                raw = await reader.readline()
                if not raw:
                    return
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                verb = line.split(" ", 1)[0].upper()
                if verb in ("EHLO", "HELO"):
                    caps = ["250-fault.test"]
                    if not tls and scenario not in ("noStarttls", "plain"):
                        caps.append("250-STARTTLS")
                    if tls:
                        caps.append("250-AUTH PLAIN LOGIN")
                    caps.append("250 8BITMIME")
                    await send(*caps)
                elif verb == "STARTTLS" and scenario not in ("noStarttls", "plain"):
                    await send("220 2.0.0 Ready to start TLS")
                    await writer.start_tls(context)
                    tls = True
                elif verb == "AUTH":
                    parts = line.split(" ")
                    mechanism = parts[1].upper() if len(parts) > 1 else ""
                    if mechanism == "PLAIN" and len(parts) < 3:
                        await send("334 ")
                        await reader.readline()
                    elif mechanism == "LOGIN":
                        await send("334 " + base64.b64encode(b"Username:").decode())
                        await reader.readline()
                        await send("334 " + base64.b64encode(b"Password:").decode())
                        await reader.readline()
                    if scenario == "auth535":
                        await send("535 5.7.8 Authentication credentials invalid")
                    elif scenario == "auth454":
                        await send("454 4.7.0 Temporary authentication failure")
                    else:
                        await send("235 2.7.0 Authentication successful")
                elif verb == "MAIL":
                    log("mail")
                    log("command " + line)
                    await send("250 2.1.0 Ok")
                elif verb == "RCPT":
                    log("rcpt")
                    log("command " + line)
                    if scenario == "rcpt451":
                        await send("451 4.7.1 Greylisted, try again later")
                    elif scenario == "rcpt452":
                        await send("452 4.5.3 Too many recipients")
                    elif scenario == "rcpt550":
                        await send("550 5.1.1 <nobody@example.test>: Recipient address rejected")
                    elif scenario == "multiline550":
                        await send("550-5.1.1 The email account that you tried to reach", "550 5.1.1 does not exist")
                    else:
                        await send("250 2.1.5 Ok")
                elif verb == "DATA":
                    log("data")
                    await send("354 End data with <CR><LF>.<CR><LF>")
                    if scenario == "stallData":
                        await asyncio.sleep(3600)
                        return
                    while True:
                        body = await reader.readline()
                        if not body:
                            return
                        if body == b".\r\n":
                            break
                    log("dot")
                    if scenario == "data554":
                        await send("554 5.7.1 Message rejected: spam score too high")
                    elif scenario == "dropAfterDot":
                        return
                    else:
                        if scenario == "slowReply" or (scenario == "slowFirst" and dots[0] == 0):
                            dots[0] += 1
                            await asyncio.sleep(args.delay)
                        accepted[0] += 1
                        await send("250 2.0.0 Ok: queued as F%d" % accepted[0])
                        if scenario == "closeAfterEach":
                            return
                elif verb in ("RSET", "NOOP"):
                    await send("250 2.0.0 Ok")
                elif verb == "QUIT":
                    log("quit")
                    await send("221 2.0.0 Bye")
                    return
                else:
                    await send("502 5.5.2 Command not recognized")
        except (ConnectionError, ssl.SSLError, asyncio.IncompleteReadError):
            pass
        finally:
            open_sessions[0] -= 1
            writer.close()

    async def serve():
        server = await asyncio.start_server(
            session, "127.0.0.1", 0, ssl=context if args.implicit_tls else None)
        print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
        await server.serve_forever()

    asyncio.run(serve())


if __name__ == "__main__":
    sys.exit(main())
