// The floor for start-up and memory in `make bench`: a Swift program that prints a line,
// built as otp-tutor ships (static Swift runtime, stripped).
print("hello, world")
