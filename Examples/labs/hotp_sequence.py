# The HOTP sequence with a key long enough: 160 bits, as RFC 4226 section 4 recommends.
#   python3 hotp_sequence.py [BASE32-KEY]     (without a key it makes a random one)
import sys

import pyotp

key = sys.argv[1] if len(sys.argv) > 1 else pyotp.random_base32()
hotp = pyotp.HOTP(key)
for counter in range(4):
    print(counter, hotp.at(counter))
