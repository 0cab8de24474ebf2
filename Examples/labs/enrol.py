# Enrolment: keep the key in 2fa.txt and draw the QR code an authenticator app scans.
# Written for otp-tutor; behaves as the tutorial's enrolment program does (and, like it,
# writes 2fa.txt with the default mode, readable by every user: lab files finds that).
#   python3 enrol.py [BASE32-KEY]     (without a key it makes a random one)
import sys

import pyotp
import qrcode

key = sys.argv[1] if len(sys.argv) > 1 else pyotp.random_base32()
with open("2fa.txt", "w") as file:
    file.write(key)
uri = pyotp.TOTP(key).provisioning_uri(name="Muhammad", issuer_name="CodingFleet.com")
qrcode.make(uri).save("totp_qr.png")
print("Key saved in 2fa.txt; scan totp_qr.png with your authenticator app.")
