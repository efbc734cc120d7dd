#!/usr/bin/env python3
"""An agent's softphone played by PJSIP's pjsua2 (PyPI pjsua2-python), for kefu's end-to-end tests.

It registers through kefu with digest auth, auto-answers incoming calls, sends a sine tone on
every call, and carries out commands that the test appends to a file, one per line:

    dial NUMBER            a new call to NUMBER in the tenant's domain (a feature code, an extension)
    dial-replacing NUMBER REPLACES
                           the same with a Replaces header (RFC 3891): take over the dialog it names
    hold N / resume N      re-INVITE call N with sendonly / sendrecv
    xfer-replaces N M      attended transfer: REFER on call N with Replaces naming call M (RFC 5589)
    hangup N               BYE (or CANCEL) on call N
    quit

Calls are numbered in the order they appear (0, 1, ...). Events go to standard output, one a line:
`registered CODE`, `call N STATE [STATUS]`, `media N STATUS`, `transfer N CODE final|progress`,
and once a call is confirmed `dialog N CALL-ID LOCAL-TAG REMOTE-TAG`.
SIP messages are logged to the file given with --log. Only 127.0.0.1 is used.
"""

import argparse
import os
import re
import sys
import time

import pjsua2 as pj


def emit(*words):
    print(" ".join(str(word) for word in words), flush=True)


def header(message, names):
    for line in message.splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() in names:
            return value.strip()
    return ""


def dialog(event):
    """Call-ID and the From and To tags of the message that confirmed a call (the ACK we
    received as the answering side, the 2xx as the calling side), or None."""
    for source in (lambda: event.body.tsxState.src.rdata.wholeMsg, lambda: event.body.rxMsg.rdata.wholeMsg):
        try:
            message = source()
        except Exception:
            continue
        if not message:
            continue
        tag = lambda value: (re.search(r";\s*tag=([^;>\s]+)", value) or [None, ""])[1]
        return (header(message, ("call-id", "i")), tag(header(message, ("from", "f"))), tag(header(message, ("to", "t"))),
                message.startswith("ACK"))
    return None


class Phone:
    def __init__(self, args):
        self.args = args
        self.calls = []
        self.tone = None

    def number(self, call):
        return self.calls.index(call) if call in self.calls else -1

    def add(self, call):
        self.calls.append(call)
        return len(self.calls) - 1


class PhoneCall(pj.Call):
    def __init__(self, phone, account, call_id=pj.PJSUA_INVALID_ID):
        pj.Call.__init__(self, account, call_id)
        self.phone = phone

    def onCallState(self, prm):
        info = self.getInfo()
        state = info.stateText.upper()
        if info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            emit("call", self.phone.number(self), state, info.lastStatusCode)
        else:
            emit("call", self.phone.number(self), state)
        if info.state == pj.PJSIP_INV_STATE_CONFIRMED:
            found = dialog(prm.e)
            if found and found[0]:
                call_id, from_tag, to_tag, received_ack = found
                local, remote = (to_tag, from_tag) if received_ack else (from_tag, to_tag)
                emit("dialog", self.phone.number(self), call_id, local, remote)

    def onCallMediaState(self, prm):
        info = self.getInfo()
        for media in info.media:
            if media.type != pj.PJMEDIA_TYPE_AUDIO:
                continue
            names = {pj.PJSUA_CALL_MEDIA_NONE: "none", pj.PJSUA_CALL_MEDIA_ACTIVE: "active",
                     pj.PJSUA_CALL_MEDIA_LOCAL_HOLD: "local-hold", pj.PJSUA_CALL_MEDIA_REMOTE_HOLD: "remote-hold",
                     pj.PJSUA_CALL_MEDIA_ERROR: "error"}
            emit("media", self.phone.number(self), names.get(media.status, media.status))
            if media.status in (pj.PJSUA_CALL_MEDIA_ACTIVE, pj.PJSUA_CALL_MEDIA_REMOTE_HOLD):
                self.phone.tone.startTransmit(self.getAudioMedia(media.index))

    def onCallTransferStatus(self, prm):
        emit("transfer", self.phone.number(self), prm.statusCode, "final" if prm.finalNotify else "progress")


class PhoneAccount(pj.Account):
    def __init__(self, phone):
        pj.Account.__init__(self)
        self.phone = phone

    def onRegState(self, prm):
        emit("registered", prm.code)

    def onIncomingCall(self, prm):
        call = PhoneCall(self.phone, self, prm.callId)
        number = self.phone.add(call)
        emit("call", number, "INCOMING")
        answer = pj.CallOpParam()
        answer.statusCode = 200
        call.answer(answer)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--domain", required=True)
    parser.add_argument("--kefu-port", type=int, required=True)
    parser.add_argument("--sip-port", type=int, required=True)
    parser.add_argument("--rtp-port", type=int, required=True)
    parser.add_argument("--tone", type=int, required=True)
    parser.add_argument("--commands", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--seconds", type=int, default=170)
    args = parser.parse_args()

    endpoint = pj.Endpoint()
    endpoint.libCreate()
    config = pj.EpConfig()
    config.uaConfig.threadCnt = 0
    config.uaConfig.mainThreadOnly = True
    config.uaConfig.userAgent = "pjsua2-test-phone"
    config.logConfig.level = 5
    config.logConfig.consoleLevel = 0
    config.logConfig.msgLogging = True
    config.logConfig.filename = args.log
    config.medConfig.noVad = True
    config.medConfig.clockRate = 8000
    endpoint.libInit(config)
    transport = pj.TransportConfig()
    transport.port = args.sip_port
    transport.boundAddress = "127.0.0.1"
    transport.publicAddress = "127.0.0.1"
    endpoint.transportCreate(pj.PJSIP_TRANSPORT_UDP, transport)
    endpoint.libStart()
    endpoint.audDevManager().setNullDev()
    for codec in endpoint.codecEnum2():
        priority = 255 if codec.codecId.startswith("PCMU/") else (254 if codec.codecId.startswith("PCMA/") else 0)
        endpoint.codecSetPriority(codec.codecId, priority)

    phone = Phone(args)
    phone.tone = pj.ToneGenerator()
    phone.tone.createToneGenerator(8000, 1)
    tone = pj.ToneDesc()
    tone.freq1 = args.tone
    tone.freq2 = args.tone
    tone.on_msec = 1000
    tone.off_msec = 0
    tone.volume = 0
    tones = pj.ToneDescVector()
    tones.append(tone)
    phone.tone.play(tones, True)

    account_config = pj.AccountConfig()
    account_config.idUri = "sip:%s@%s" % (args.user, args.domain)
    account_config.regConfig.registrarUri = "sip:%s" % args.domain
    account_config.regConfig.timeoutSec = 600
    account_config.sipConfig.proxies.append("sip:127.0.0.1:%d;lr" % args.kefu_port)
    account_config.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", args.user, 0, args.password))
    account_config.mediaConfig.transportConfig.port = args.rtp_port
    account_config.mediaConfig.transportConfig.portRange = 20
    account_config.mediaConfig.transportConfig.boundAddress = "127.0.0.1"
    account_config.mediaConfig.transportConfig.publicAddress = "127.0.0.1"
    account_config.natConfig.iceEnabled = False
    account_config.natConfig.sdpNatRewriteUse = 0
    account_config.natConfig.contactRewriteUse = 0
    account_config.natConfig.viaRewriteUse = 0
    account = PhoneAccount(phone)
    account.create(account_config)

    done = 0
    deadline = time.monotonic() + args.seconds
    running = True
    while running and time.monotonic() < deadline:
        endpoint.libHandleEvents(20)
        try:
            with open(args.commands) as file:
                lines = file.read().splitlines()
        except FileNotFoundError:
            lines = []
        for line in lines[done:]:
            done += 1
            words = line.split()
            if not words:
                continue
            emit("command", line)
            try:
                running = run(words, phone, account, args)
            except pj.Error as error:
                emit("error", words[0], error.status, error.reason)
    emit("quit")
    sys.stdout.flush()
    # pjsua2 aborts when Call objects outlive libDestroy (PEERS.md): leave at once.
    os._exit(0)


def run(words, phone, account, args):
    verb = words[0]
    if verb == "quit":
        return False
    if verb in ("dial", "dial-replacing"):
        call = PhoneCall(phone, account)
        emit("call", phone.add(call), "DIALLING", words[1])
        options = pj.CallOpParam(True)
        if verb == "dial-replacing":
            replaces = pj.SipHeader()
            replaces.hName = "Replaces"
            replaces.hValue = words[2]
            options.txOption.headers.append(replaces)
        call.makeCall("sip:%s@%s" % (words[1], args.domain), options)
    elif verb == "hold":
        phone.calls[int(words[1])].setHold(pj.CallOpParam(True))
    elif verb == "resume":
        resume = pj.CallOpParam(True)
        resume.opt.flag = pj.PJSUA_CALL_UNHOLD
        phone.calls[int(words[1])].reinvite(resume)
    elif verb == "xfer-replaces":
        phone.calls[int(words[1])].xferReplaces(phone.calls[int(words[2])], pj.CallOpParam(True))
    elif verb == "hangup":
        phone.calls[int(words[1])].hangup(pj.CallOpParam(True))
    else:
        emit("error", verb, "unknown command")
    return True


if __name__ == "__main__":
    main()
