#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import OTP

/// The outside world's time, read only by a running virtual clock and `clock real`.
enum WallClock {
  @Sendable static func now() -> UnixTime {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return UnixTime(.seconds(Int64(spec.tv_sec)) + .nanoseconds(Int64(spec.tv_nsec)))
  }
}
