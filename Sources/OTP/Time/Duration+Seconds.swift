extension Duration {
  /// Whole seconds, rounded down.
  var flooredSeconds: Int64 {
    let (seconds, attoseconds) = components
    return attoseconds < 0 ? seconds - 1 : seconds
  }

  /// The duration in seconds if it is a whole number of them, else `nil`.
  var exactSeconds: Int64? {
    let (seconds, attoseconds) = components
    return attoseconds == 0 ? seconds : nil
  }

  /// The duration as the engine's messages write it: `30 s`, or `0.5 s` for a fraction.
  var secondsText: String {
    if let seconds = exactSeconds { return "\(seconds) s" }
    let (seconds, attoseconds) = components
    return "\(Double(seconds) + Double(attoseconds) / 1e18) s"
  }
}
