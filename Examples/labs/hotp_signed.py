# HOTP written by hand, subtly wrong: the four bytes are read as a signed number and the top
# bit is not cleared (RFC 4226 section 5.3 masks it with 0x7f), so about half the codes differ.
import hashlib
import hmac
import struct
import sys

key, counter, digits, algorithm = bytes.fromhex(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
mac = hmac.new(key, struct.pack(">Q", counter), getattr(hashlib, algorithm)).digest()
offset = mac[-1] & 0x0F
value = struct.unpack(">i", mac[offset:offset + 4])[0]
print(str(value % 10**digits).zfill(digits))
