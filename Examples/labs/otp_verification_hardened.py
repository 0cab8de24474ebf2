# The login check, hardened: the same prompt and sentences as otp_verification.py, plus
#  - one step either side for a phone's clock (RFC 6238 section 5.2),
#  - each step logs in once: a code seen over a shoulder cannot be used again,
#  - at most 5 failed attempts in 5 minutes (RFC 4226 section 7, NIST SP 800-63B 5.2.2).
# What it must remember between runs is kept in otp_state.json beside 2fa.txt.
import hmac
import json
import time

import pyotp

STATE = "otp_state.json"
MAX_FAILURES = 5
FAILURE_SPAN = 300

with open("2fa.txt") as file:
    key = file.read().strip()
try:
    with open(STATE) as file:
        state = json.load(file)
except (OSError, ValueError):
    state = {"last_step": -1, "failures": []}


def save():
    with open(STATE, "w") as file:
        json.dump(state, file)


totp = pyotp.TOTP(key)
code = input("Enter Code: ").strip()
now = time.time()
recent = [t for t in state["failures"] if now - FAILURE_SPAN < t <= now]
if len(recent) >= MAX_FAILURES:
    wait = int(min(recent) + FAILURE_SPAN - now) + 1
    print(f"Authentication failed. Too many attempts: try again in {wait} seconds.")
    raise SystemExit(1)

step = int(now // totp.interval)
matched = None
for offset in (-1, 0, 1):
    if hmac.compare_digest(totp.at(now + offset * totp.interval), code):
        matched = step + offset
if matched is not None and matched > state["last_step"]:
    state["last_step"] = matched
    state["failures"] = []
    save()
    print("Authentication successful!")
else:
    state["failures"] = recent + [now]
    save()
    if matched is not None:
        print("Authentication failed. This code has already been used.")
    else:
        print("Authentication failed. Please try again with the right key.")
