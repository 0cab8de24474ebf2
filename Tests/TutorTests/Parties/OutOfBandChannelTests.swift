import OTP
import Testing
@testable import Tutor

@Suite("The simulated SMS and e-mail carriers")
struct OutOfBandChannelTests {
  let start = UnixTime(seconds: 1_767_225_600)

  @Test("a message is in transit until its delivery delay has passed, then in the inbox")
  func deliveryDelay() {
    var channel = OutOfBandChannel()
    let message = channel.send("123456", by: .sms, at: start, delay: .seconds(20))
    #expect(message.deliveredAt == start + .seconds(20))
    let early = channel.inbox(.sms, of: .learner, at: start + .seconds(19))
    #expect(early.delivered.isEmpty)
    #expect(early.inTransit == [message])
    let arrived = channel.inbox(.sms, of: .learner, at: start + .seconds(20))
    #expect(arrived.delivered == [message])
    #expect(arrived.inTransit.isEmpty)
    // E-mail is another medium: the phone's texts are not in the inbox.
    #expect(channel.inbox(.email, of: .learner, at: start + .seconds(20)).delivered.isEmpty)
  }

  @Test("after a SIM swap, texts reach the attacker and not the learner; e-mail still reaches the learner")
  func simSwap() {
    var channel = OutOfBandChannel()
    let before = channel.send("111111", by: .sms, at: start, delay: .zero)
    channel.swapSIM(at: start + .seconds(10))
    let after = channel.send("222222", by: .sms, at: start + .seconds(10), delay: .seconds(5))
    let mail = channel.send("333333", by: .email, at: start + .seconds(10), delay: .seconds(5))
    let now = start + .seconds(15)
    #expect(channel.numberHolder(at: now) == .attacker)
    #expect(channel.inbox(.sms, of: .learner, at: now).delivered == [before])
    #expect(channel.inbox(.sms, of: .attacker, at: now).delivered == [after])
    #expect(channel.inbox(.email, of: .learner, at: now).delivered == [mail])
    #expect(channel.inbox(.email, of: .attacker, at: now).delivered.isEmpty)
  }

  @Test("a text goes to whoever holds the number when it is delivered, not when it was sent")
  func swapInTransit() {
    var channel = OutOfBandChannel()
    let message = channel.send("123456", by: .sms, at: start, delay: .seconds(30))
    channel.swapSIM(at: start + .seconds(10))
    #expect(channel.inbox(.sms, of: .attacker, at: start + .seconds(30)).delivered == [message])
    #expect(channel.inbox(.sms, of: .learner, at: start + .seconds(30)).delivered.isEmpty)
  }

  @Test("a text delivered at the moment of a swap was delivered before it; one sent after it goes to the attacker")
  func swapAtDelivery() {
    var channel = OutOfBandChannel()
    let first = channel.send("111111", by: .sms, at: start, delay: .zero)
    channel.swapSIM(at: start)
    let second = channel.send("222222", by: .sms, at: start, delay: .zero)
    #expect(channel.inbox(.sms, of: .learner, at: start).delivered == [first])
    #expect(channel.inbox(.sms, of: .attacker, at: start).delivered == [second])
  }

  @Test("restoring the SIM gives later texts back to the learner")
  func restore() {
    var channel = OutOfBandChannel()
    channel.swapSIM(at: start)
    channel.restoreSIM(at: start + .seconds(60))
    let message = channel.send("123456", by: .sms, at: start + .seconds(60), delay: .seconds(5))
    #expect(channel.numberHolder(at: start + .seconds(30)) == .attacker)
    #expect(channel.numberHolder(at: start + .seconds(60)) == .learner)
    #expect(channel.inbox(.sms, of: .learner, at: start + .seconds(65)).delivered == [message])
  }
}
