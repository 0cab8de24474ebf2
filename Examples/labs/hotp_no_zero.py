# HOTP written by hand, subtly wrong: the code is printed as a number, so a code that starts
# with 0 loses its leading zero (and is one digit short). lab kat finds it.
import hashlib
import hmac
import struct
import sys

key, counter, digits, algorithm = bytes.fromhex(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
mac = hmac.new(key, struct.pack(">Q", counter), getattr(hashlib, algorithm)).digest()
offset = mac[-1] & 0x0F
value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
print(value % 10**digits)
