"""Strict integers: one rule for every number a request carries.

As text (a query parameter, a form field, a piece of a path), an integer is 1 to ``digits``
ASCII digits: no sign, no space, no "²" or other Unicode digit (``str.isdigit()`` accepts
those, and ``int()`` accepts "٣"). The length is checked by the pattern, so a 5,000-digit
string never reaches ``int()``. The value must then lie in ``low..high``.

In a JSON body, an integer is a JSON integer (not ``true``, ``1.0`` or ``"3"``) in range.

Anything else is a 422 ``invalid_argument`` whose message names the field and the range, in
the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from flask import request
from flask_babel import gettext as _

from webapp.web.errors import ApiError

#: The longest decimal text read as an integer (more than any range the app accepts).
MAX_DIGITS = 20
#: Seeds are 0 .. 2^31 - 1 everywhere (the API, the start form, the memory lab's import).
MAX_SEED = 2**31 - 1
_HEX = re.compile(r"0[xX][0-9a-fA-F]{1,16}")


def invalid(name: str, low: int, high: int) -> ApiError:
    """The 422 for a field that is not an integer from ``low`` to ``high``."""
    message = _("%(name)s must be an integer from %(low)s to %(high)s.",
                name=name, low=low, high=high)
    return ApiError(422, "invalid_argument", message)


def text_int(text: str, name: str, low: int, high: int, hex_ok: bool = False) -> int:
    """``text`` as an integer from ``low`` to ``high`` (``0x…`` too when ``hex_ok``)."""
    if re.fullmatch(f"[0-9]{{1,{MAX_DIGITS}}}", text):
        value = int(text)
    elif hex_ok and _HEX.fullmatch(text):
        value = int(text, 16)
    else:
        raise invalid(name, low, high)
    if not low <= value <= high:
        raise invalid(name, low, high)
    return value


def arg_int(name: str, default: int, low: int, high: int, hex_ok: bool = False) -> int:
    """The query parameter ``name`` as an integer; ``default`` when absent or empty."""
    text = request.args.get(name, "")
    return default if text == "" else text_int(text, name, low, high, hex_ok)


def json_int(body: Mapping[str, Any], key: str, default: int, low: int, high: int) -> int:
    """``body[key]``, a JSON integer from ``low`` to ``high`` (``default`` when absent)."""
    value = body.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise invalid(key, low, high)
    return value
