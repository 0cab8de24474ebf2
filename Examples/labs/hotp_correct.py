# HOTP written by hand (RFC 4226 section 5), for lab kat:
#   python3 hotp_correct.py KEY-HEX COUNTER DIGITS ALGORITHM    prints the code
import hashlib
import hmac
import struct
import sys

key, counter, digits, algorithm = bytes.fromhex(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
mac = hmac.new(key, struct.pack(">Q", counter), getattr(hashlib, algorithm)).digest()
offset = mac[-1] & 0x0F
value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
print(str(value % 10**digits).zfill(digits))
