public import OTP
import Synchronization

/// The login server's clock: frozen or running, set and advanced at will.
///
/// Scripts start it frozen, so time moves only when a command moves it and the same
/// script prints the same bytes every time. Interactive sessions start it running at the
/// real time, so a learner can compare codes with a phone. Either way `advance(by:)`
/// fast-forwards it, which is how expiry, rate limits and drift are shown in seconds.
///
/// ```swift
/// let clock = VirtualClock(frozenAt: UnixTime(seconds: 59))
/// clock.advance(by: .seconds(30))
/// clock.now.time          // 1970-01-01T00:01:29Z
/// ```
///
/// It conforms to the standard library's `Clock`: sleeping on a frozen clock moves it to
/// the deadline at once; on a running clock it waits for real.
public final class VirtualClock: Clock, Sendable {
  /// A moment on the virtual clock.
  public struct Instant: InstantProtocol, Sendable {
    /// The moment as Unix time.
    public let time: UnixTime

    public init(_ time: UnixTime) { self.time = time }

    public func advanced(by duration: Duration) -> Instant { Instant(time + duration) }
    public func duration(to other: Instant) -> Duration { other.time - time }
    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.time < rhs.time }
  }

  /// Whether the clock moves on its own.
  public enum Mode: Equatable, Sendable {
    /// Time moves only when a command moves it.
    case frozen
    /// Time moves at the speed of real time, from wherever it was set.
    case running
  }

  private struct State {
    var base: UnixTime
    var realBase: UnixTime
    var mode: Mode
  }

  private let state: Mutex<State>
  private let realTime: @Sendable () -> UnixTime

  /// Creates a clock.
  ///
  /// - Parameters:
  ///   - start: The first time the clock shows.
  ///   - mode: Frozen or running.
  ///   - realTime: The outside world's time, read only while running and by ``setToRealTime()``.
  public init(start: UnixTime, mode: Mode, realTime: @escaping @Sendable () -> UnixTime) {
    self.realTime = realTime
    self.state = Mutex(State(base: start, realBase: mode == .running ? realTime() : start, mode: mode))
  }

  /// A frozen clock that never reads the outside world unless told to run.
  public convenience init(frozenAt start: UnixTime) {
    self.init(start: start, mode: .frozen, realTime: { start })
  }

  /// The current time.
  public var now: Instant {
    let realNow = state.withLock { $0.mode == .running } ? realTime() : nil
    return state.withLock { Instant(Self.time(of: $0, realNow: realNow)) }
  }

  /// The current time as Unix time.
  public var time: UnixTime { now.time }

  /// Frozen or running.
  public var mode: Mode { state.withLock { $0.mode } }

  /// How far a running clock is from the real time (positive: ahead), or `nil` when frozen.
  public var offsetFromRealTime: Duration? {
    guard mode == .running else { return nil }
    return time - realTime()
  }

  public var minimumResolution: Duration { .milliseconds(1) }

  /// Moves the clock forward (or back, for a negative duration).
  public func advance(by duration: Duration) {
    let realNow = mode == .running ? realTime() : nil
    state.withLock { state in
      state.base = Self.time(of: state, realNow: realNow) + duration
      if let realNow { state.realBase = realNow }
    }
  }

  /// Sets the clock to a time.
  public func advance(to time: UnixTime) {
    let realNow = mode == .running ? realTime() : nil
    state.withLock { state in
      state.base = time
      if let realNow { state.realBase = realNow }
    }
  }

  /// Stops the clock where it is.
  public func freeze() {
    let realNow = realTime()
    state.withLock { state in
      guard state.mode == .running else { return }
      state.base = Self.time(of: state, realNow: realNow)
      state.mode = .frozen
    }
  }

  /// Lets the clock run at real speed from where it is.
  public func run() {
    let realNow = realTime()
    state.withLock { state in
      guard state.mode == .frozen else { return }
      state.realBase = realNow
      state.mode = .running
    }
  }

  /// Sets the clock to the real time and lets it run.
  public func setToRealTime() {
    let realNow = realTime()
    state.withLock { state in
      state.base = realNow
      state.realBase = realNow
      state.mode = .running
    }
  }

  public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
    switch mode {
    case .frozen:
      if deadline > now { advance(to: deadline.time) }
    case .running:
      try await Task.sleep(for: now.duration(to: deadline))
    }
  }

  private static func time(of state: State, realNow: UnixTime?) -> UnixTime {
    guard state.mode == .running, let realNow else { return state.base }
    return state.base + (realNow - state.realBase)
  }
}
