/// The checks a login attempt passes before its code is compared, shared by ``TOTPVerifier``
/// and ``HOTPVerifier``: the lock-out, then google-authenticator-libpam's order: the rate limit
/// (every attempt counts, right or wrong), the user's scratch codes, then the code's form.
enum AttemptScreen {
  /// What the checks decided.
  enum Outcome {
    /// Locked out, rate-limited, an unknown scratch code or not a well-formed code.
    case refused(AttemptRefusal)
    /// A scratch code, now used up.
    case scratchCodeUsed(remaining: Int)
    /// A well-formed code, to compare.
    case code(TypedCode)
  }

  /// Screens `text`, typed at `time`, for a code of `digits` digits: refuses it when
  /// `failures` have reached `lockOut`, records the attempt in `rateLimiter` (made anew when
  /// `limit` changed, dropped when there is none) and redeems a scratch code from `scratchCodes`.
  static func screen(
    _ text: String,
    digits: Int,
    at time: UnixTime,
    lockOut: LockOut?,
    failures: Int,
    limit: RateLimit?,
    rateLimiter: inout RateLimiter?,
    scratchCodes: inout ScratchCodes
  ) -> Outcome {
    if let lockOut, failures >= lockOut.failures { return .refused(.lockedOut) }
    if let limit {
      if rateLimiter?.limit != limit { rateLimiter = RateLimiter(limit: limit) }
      if case .refused(let retryAfter) = rateLimiter?.recordAttempt(at: time) {
        return .refused(.rateLimited(retryAfter: retryAfter))
      }
    } else {
      rateLimiter = nil
    }
    if ScratchCodes.isScratchCodeShaped(text) {
      if scratchCodes.redeem(text) { return .scratchCodeUsed(remaining: scratchCodes.codes.count) }
      // An 8-digit account's codes look like scratch codes; any other's cannot be one.
      if digits != 8 { return .refused(.unknownScratchCode) }
    }
    do { return .code(try TypedCode(text, digits: digits)) } catch { return .refused(.malformed(error)) }
  }
}
