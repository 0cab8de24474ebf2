# A TOTP demo: show the code for now, then check the one you type.
# Written for otp-tutor; behaves as the tutorial's TOTP demo does.
#   python3 totp_demo.py [BASE32-KEY]     (without a key it makes a random one)
import sys

import pyotp

key = sys.argv[1] if len(sys.argv) > 1 else pyotp.random_base32()
totp = pyotp.TOTP(key)
print("Current OTP:", totp.now())
code = input("Enter Code: ")
print(totp.verify(code))
