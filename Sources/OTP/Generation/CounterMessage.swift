#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The HMAC message of a code: a counter as 8 big-endian bytes, as a `DataProtocol` whose
/// regions and iterators are all concrete, non-generic types.
///
/// swift-crypto's `HMAC.update(data:)` is generic and, without cross-module optimisation, runs
/// unspecialised: for an `UnsafeRawBufferPointer` it asks the runtime for the metadata of
/// `CollectionOfOne<UnsafeRawBufferPointer>` and its iterator on every call, which costs more
/// than a SHA-1 block. These types have static metadata, so the call looks nothing up.
struct CounterMessage: DataProtocol, RandomAccessCollection, ContiguousBytes {
  let bigEndian: UInt64

  init(_ counter: UInt64) { bigEndian = counter.bigEndian }

  var startIndex: Int { 0 }
  var endIndex: Int { 8 }
  subscript(position: Int) -> UInt8 {
    Swift.withUnsafeBytes(of: bigEndian) { $0[position] }
  }

  func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
    try Swift.withUnsafeBytes(of: bigEndian, body)
  }

  var regions: Regions { Regions(message: self) }

  /// The message's one region: itself.
  struct Regions: RandomAccessCollection {
    let message: CounterMessage
    var startIndex: Int { 0 }
    var endIndex: Int { 1 }
    subscript(position: Int) -> CounterMessage { message }
    func makeIterator() -> Iterator { Iterator(message: message) }

    struct Iterator: IteratorProtocol {
      var message: CounterMessage?
      mutating func next() -> CounterMessage? {
        defer { message = nil }
        return message
      }
    }
  }
}
