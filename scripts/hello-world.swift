// The floor for start-up and memory in `make bench`: a Swift program that prints a line,
// built and installed as otp-tutor ships (the Makefile's `bench` target has the flags).
print("hello, world")
