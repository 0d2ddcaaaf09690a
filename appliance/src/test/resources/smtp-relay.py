"""A mail relay for the tests: aiosmtpd (Debian's python3-aiosmtpd) on 127.0.0.1, each accepted message kept.

usage: smtp-relay.py PORT MAILDIR [--cert FILE --key FILE --user NAME] [--refuse ADDRESS]...

With --cert and --key it requires STARTTLS and then a login as NAME with the password in $RELAY_PASSWORD (a
secret never goes on a command line); without them it offers neither (a relay that cannot encrypt). Each accepted
message becomes MAILDIR/N.eml, written whole before it appears, headed by what the relay saw: X-Relay-TLS (yes or
no), X-Relay-Login (the user, or none), X-Relay-Mail-From and X-Relay-Rcpt-To. An address given to --refuse is
refused with 553 as sender (as relays refuse a sender the login may not use) and with 550 as recipient. It runs
until SIGTERM.
"""
import argparse
import itertools
import os
import signal
import ssl

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Keeper:
    def __init__(self, maildir, refused):
        self.maildir = maildir
        self.refused = refused
        self.numbers = itertools.count(1)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address in self.refused:
            return "553 5.7.1 Sender address rejected: not owned by the user"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 Recipient address rejected: no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        login = session.auth_data if session.authenticated else "none"
        head = (f"X-Relay-TLS: {'yes' if session.ssl is not None else 'no'}\r\n"
                f"X-Relay-Login: {login}\r\n"
                f"X-Relay-Mail-From: {envelope.mail_from}\r\n"
                f"X-Relay-Rcpt-To: {', '.join(envelope.rcpt_tos)}\r\n")
        number = next(self.numbers)
        partial = os.path.join(self.maildir, f"{number}.partial")
        with open(partial, "wb") as out:
            out.write(head.encode("ascii") + envelope.original_content)
        os.replace(partial, os.path.join(self.maildir, f"{number}.eml"))
        return "250 Message accepted for delivery"


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        login = auth_data.login.decode()
        success = login == user and auth_data.password.decode() == password
        return AuthResult(success=success, handled=False, auth_data=login)
    return check


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("port", type=int)
    arguments.add_argument("maildir")
    arguments.add_argument("--cert")
    arguments.add_argument("--key")
    arguments.add_argument("--user")
    arguments.add_argument("--refuse", action="append", default=[])
    args = arguments.parse_args()
    secured = {}
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        secured = dict(tls_context=context, require_starttls=True, auth_required=True,
                       authenticator=authenticator(args.user, os.environ["RELAY_PASSWORD"]))
    # Blocked before the server's thread starts, so that this thread alone receives them, in sigwait.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    controller = Controller(Keeper(args.maildir, set(args.refuse)), hostname="127.0.0.1", port=args.port,
                            **secured)
    controller.start()
    print("ready", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    main()
