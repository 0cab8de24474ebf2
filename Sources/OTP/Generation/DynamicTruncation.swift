/// Dynamic truncation, RFC 4226 §5.3: how 20 or more HMAC bytes become a short number.
///
/// The low four bits of the last byte give an offset; the four bytes from there, with the
/// top bit cleared, are a 31-bit number; that number modulo 10^digits is the code.
enum DynamicTruncation {
  /// The offset into the MAC: the low four bits of its last byte (0...15).
  static func offset(of mac: UnsafeRawBufferPointer) -> Int {
    Int(mac[mac.count - 1] & 0x0F)
  }

  /// The 31-bit number the four bytes at ``offset(of:)`` make.
  static func binaryCode(of mac: UnsafeRawBufferPointer) -> UInt32 {
    let offset = offset(of: mac)
    return (UInt32(mac[offset] & 0x7F) << 24)
      | (UInt32(mac[offset + 1]) << 16)
      | (UInt32(mac[offset + 2]) << 8)
      | UInt32(mac[offset + 3])
  }

  /// 10 to the power of `digits`: the modulus that leaves `digits` decimal digits.
  static func modulus(digits: Int) -> UInt64 {
    var result: UInt64 = 1
    for _ in 0..<digits { result *= 10 }
    return result
  }

  /// Formats a number as exactly `digits` decimal digits, with leading zeros.
  static func zeroPadded(_ value: UInt64, digits: Int) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: digits) { buffer in
      var value = value
      for index in stride(from: digits - 1, through: 0, by: -1) {
        buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
        value /= 10
      }
      return String(decoding: UnsafeBufferPointer(buffer), as: UTF8.self)
    }
  }
}
