#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/corpus/<target>/ from the protocol's examples and the
built-in catalog. Run again after the catalog or the protocol changes; the seeds are committed so
a fuzzing run needs nothing but the repository."""
import json
import pathlib
import struct

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
POLICY = "https://privacycenter.instagram.com/policy/"

REQUESTS = [
    {"id": 1, "type": "hello", "client": "chromium", "extensionVersion": "0.1.0"},
    {"id": 2, "type": "listProcedures", "uiLang": "fr", "cursor": 0},
    {"id": 3, "type": "getProcedure", "procedureId": "instagram-ai-objection", "uiLang": "en"},
    {"id": 4, "type": "nextStep", "account": "default", "procedureId": None,
     "context": {"url": POLICY, "title": "Privacy Policy", "docLang": "fr", "uiLang": "fr",
                 "signals": {"headings": ["Politique de confidentialité"]}}},
    {"id": 5, "type": "reportEvent", "event": {"eventId": "6f1c0000aa", "procedureId": "instagram-ai-objection",
     "stepId": "open-form", "type": "step_completed", "account": "default", "url": POLICY, "client": "chromium"}},
    {"id": "s6", "type": "getProgress", "platform": "instagram", "account": None, "cursor": 0},
    {"id": 7, "type": "resetProcedure", "procedureId": "instagram-ai-objection", "account": "default"},
    {"id": 8, "type": "exportRecord", "format": "html", "uiLang": "fr", "cursor": 0},
    {"id": 9, "type": "listAccounts"},
    {"id": 10, "type": "setAccount", "platform": "instagram", "account": "work", "label": "Work account"},
    {"id": 11, "type": "reportEvent", "event": {"eventId": "6f1c0000ab", "procedureId": "facebook-ai-objection",
     "type": "form_submitted", "account": "work"}},
    {"id": 12, "type": "nextStep", "context": {"url": "https://www.facebook.com/help/contact/6359191084165019?x=1",
     "uiLang": "de", "docLang": "de"}},
]
ODD = [
    b"", b"[]", b"null", b"{\"id\":1}", b"{\"id\":{},\"type\":\"hello\"}", b"{\"type\":7}",
    b"\xff\xfe{\"id\":1}", b"[" * 100 + b"]" * 100, b"{\"id\":1,\"type\":\"hello\"",
    b"{\"id\":1,\"type\":\"nextStep\",\"context\":{\"url\":\"http://x\"}}",
]


def write(target, name, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def frame(payload):
    return struct.pack("<I", len(payload)) + payload


def main():
    payloads = [json.dumps(r, ensure_ascii=False).encode() for r in REQUESTS] + ODD
    for i, p in enumerate(payloads):
        write("dispatcher", f"request-{i:02d}", p)
    write("framing", "conversation", b"".join(frame(p) for p in payloads[:6]))
    write("framing", "one-hello", frame(payloads[0]))
    write("framing", "oversize-then-hello", struct.pack("<I", 2 * 1024 * 1024) + b"x" * 64 + frame(payloads[0]))
    write("framing", "short-header-lie", struct.pack("<I", 5) + payloads[0] + frame(payloads[8]))
    write("framing", "long-header-lie", struct.pack("<I", len(payloads[0]) + 10) + payloads[0] + frame(payloads[8]))
    write("framing", "desync", b"\xff\xff\xff\xff" + payloads[0])
    write("framing", "eof-mid-frame", frame(payloads[0])[:-3])
    for i, p in enumerate(ODD):
        write("framing", f"odd-{i:02d}", frame(p))

    cat = ROOT / "host" / "catalog"
    header = (cat / "catalog.json").read_bytes()
    procs = sorted((cat / "procedures").glob("*.json"))
    whole = b"=== catalog.json\n" + header
    for p in procs:
        part = b"\n=== procedures/" + p.name.encode() + b"\n" + p.read_bytes()
        whole += part
        write("catalog", f"single-{p.stem}", b"=== catalog.json\n" + header + part)
    write("catalog", "whole-builtin", whole)
    write("catalog", "bare-procedure", procs[0].read_bytes())
    write("catalog", "header-only", b"=== catalog.json\n" + header)


if __name__ == "__main__":
    main()
