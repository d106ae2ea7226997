"""Byte-level formats the ProActive scheduler speaks: multipart bodies, WebSocket frames,
Java-serialized strings and the REST error JSON.

Kept apart from the HTTP routing so each format can be read (and tested) on its own.
"""

from __future__ import annotations

import base64
import email.parser
import email.policy
import hashlib
import json
import struct
from urllib.parse import parse_qs

# RFC 6455 §1.3: the fixed GUID the server appends to the client's key.
_WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

# java.io.ObjectStreamConstants: STREAM_MAGIC, STREAM_VERSION, TC_STRING, TC_LONGSTRING.
_JAVA_STREAM_HEADER = b"\xac\xed\x00\x05"
_TC_STRING = b"\x74"
_TC_LONGSTRING = b"\x7c"

JOB_CREATION_EXCEPTION = "org.ow2.proactive.scheduler.common.exception.JobCreationException"
LOGIN_EXCEPTION = "javax.security.auth.login.LoginException"
UNKNOWN_JOB_EXCEPTION = "org.ow2.proactive.scheduler.common.exception.UnknownJobException"
UNKNOWN_TASK_EXCEPTION = "org.ow2.proactive.scheduler.common.exception.UnknownTaskException"
NOT_CONNECTED_EXCEPTION = "org.ow2.proactive.scheduler.common.exception.NotConnectedException"


def parse_multipart(content_type: str, body: bytes) -> dict[str, bytes]:
    """Return the parts of a `multipart/form-data` body by their `name`.

    The stdlib e-mail parser handles boundaries and transfer encodings; a form is a MIME
    message, so no third-party parser is needed.
    """
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    parts: dict[str, bytes] = {}
    if not message.is_multipart():
        return parts
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if isinstance(name, str) and isinstance(payload, bytes):
            parts[name] = payload
    return parts


def parse_form(body: bytes) -> dict[str, str]:
    """Return an `application/x-www-form-urlencoded` body as a flat dict (last value wins)."""
    fields = parse_qs(body.decode("utf-8"), keep_blank_values=True)
    return {key: values[-1] for key, values in fields.items()}


def websocket_accept(key: str) -> str:
    """The `Sec-WebSocket-Accept` value that proves the server read the client's key."""
    digest = hashlib.sha1((key + _WEBSOCKET_GUID).encode("ascii")).digest()
    return base64.b64encode(digest).decode("ascii")


def websocket_frame(payload: bytes, opcode: int = 0x1) -> bytes:
    """One unmasked, final server-to-client frame (servers must not mask, RFC 6455 §5.1)."""
    head = bytes([0x80 | opcode])
    size = len(payload)
    if size < 126:
        return head + bytes([size]) + payload
    if size < 1 << 16:
        return head + bytes([126]) + struct.pack(">H", size) + payload
    return head + bytes([127]) + struct.pack(">Q", size) + payload


def java_serialized_string(text: str) -> bytes:
    """`ObjectOutputStream.writeObject(text)` for a String: what the scheduler stores as a result.

    Java uses modified UTF-8; for text without NUL or astral characters that equals UTF-8, which
    is all the stand-in ever produces.
    """
    data = text.encode("utf-8")
    if len(data) < 1 << 16:
        return _JAVA_STREAM_HEADER + _TC_STRING + struct.pack(">H", len(data)) + data
    return _JAVA_STREAM_HEADER + _TC_LONGSTRING + struct.pack(">Q", len(data)) + data


def java_serialized_base64(text: str) -> str:
    """The `serializedValue` field of a task result: base64 of the Java-serialized String."""
    return base64.b64encode(java_serialized_string(text)).decode("ascii")


def error_json(status: int, message: str, exception_class: str) -> bytes:
    """The body of the REST server's `ExceptionToJson` answer for a failed call."""
    body = {
        "httpErrorCode": status,
        "errorMessage": message,
        "stackTrace": "",
        "exception": {"message": message},
        "exceptionClass": exception_class,
    }
    return json.dumps(body).encode("utf-8")
