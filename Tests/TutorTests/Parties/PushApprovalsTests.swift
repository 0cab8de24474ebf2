import Testing
@testable import Tutor

@Suite("Push approvals: fatigue and number matching")
struct PushApprovalsTests {
  @Test("a tired user dismisses some requests, then approves the next; the same seed, the same request")
  func fatigue() throws {
    let push = PushApprovals()
    var random = SplitMix64(seed: 42)
    let outcome = push.fatigueAttack(requests: 20, using: &random)
    let approved = try #require(outcome.approved)
    #expect(PushApprovals.patienceRange.contains(outcome.patience))
    #expect(approved.index == outcome.patience + 1)
    #expect(outcome.requests.count == approved.index)
    #expect(outcome.requests.dropLast().allSatisfy { $0.answer == .dismissed })
    var again = SplitMix64(seed: 42)
    #expect(push.fatigueAttack(requests: 20, using: &again) == outcome)
  }

  @Test("enough requests always wear the user down; too few may not", arguments: 0..<20)
  func patience(_ seed: UInt64) {
    let push = PushApprovals()
    var random = SplitMix64(seed: seed)
    #expect(push.fatigueAttack(requests: PushApprovals.patienceRange.upperBound + 1, using: &random).approved != nil)
    var fewer = SplitMix64(seed: seed)
    #expect(push.fatigueAttack(requests: PushApprovals.patienceRange.lowerBound, using: &fewer).approved == nil)
  }

  @Test("with number matching no request is approved: the number is on the attacker's screen", arguments: 0..<20)
  func numberMatching(_ seed: UInt64) {
    var push = PushApprovals()
    push.numberMatching = true
    var random = SplitMix64(seed: seed)
    let outcome = push.fatigueAttack(requests: 50, using: &random)
    #expect(outcome.approved == nil)
    #expect(outcome.requests.count == 50)
    #expect(outcome.requests.allSatisfy { $0.answer == .noNumberToType })
    #expect(outcome.requests.allSatisfy { $0.shownNumber.map(PushApprovals.matchingNumbers.contains) == true })
  }

  @Test("the learner's own sign-in shows a number only with number matching")
  func learnerSignIn() {
    var push = PushApprovals()
    var random = SplitMix64(seed: 1)
    #expect(push.learnerSignIn(using: &random) == nil)
    push.numberMatching = true
    #expect(push.learnerSignIn(using: &random).map(PushApprovals.matchingNumbers.contains) == true)
  }
}
