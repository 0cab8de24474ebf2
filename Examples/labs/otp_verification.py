# The login check: read the key from 2fa.txt, ask for the code, say whether it is right.
# Written for otp-tutor; behaves as the tutorial's login program does. It is weak on purpose:
# a code works again until its step ends (no replay prevention) and nothing slows a guesser.
import pyotp

with open("2fa.txt") as file:
    key = file.read().strip()
totp = pyotp.TOTP(key)
code = input("Enter Code: ")
if totp.verify(code):
    print("Authentication successful!")
else:
    print("Authentication failed. Please try again with the right key.")
