# The HOTP sequence as the tutorial wrote it: the key is the text "Muhammad" read as base32,
# which is 40 bits. Modern pyotp refuses it (RFC 4226 section 4 asks for 128 bits at least).
import pyotp

hotp = pyotp.HOTP("Muhammad")
for counter in range(4):
    print(counter, hotp.at(counter))
