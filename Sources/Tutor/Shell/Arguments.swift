/// A command's words sorted into positional arguments, options with values, and flags.
struct Arguments {
  let command: String
  private(set) var positionals: [String] = []
  private var values: [String: String] = [:]
  private var flags: Set<String> = []

  /// Sorts `words`. Options are `--name value` or `--name=value`; a word that starts with `-`
  /// followed by a digit or `+` is a positional (a negative drift, say), not an option.
  init(_ words: [String], command: String, options: Set<String> = [], flags: Set<String> = []) throws(TutorError) {
    self.command = command
    var index = 0
    while index < words.count {
      let word = words[index]
      index += 1
      guard word.hasPrefix("-"), word.count > 1, !Self.looksNumeric(word) else {
        positionals.append(word)
        continue
      }
      var name = word
      var inlineValue: String?
      if let equals = word.firstIndex(of: "=") {
        name = String(word[..<equals])
        inlineValue = String(word[word.index(after: equals)...])
      }
      if flags.contains(name) {
        guard inlineValue == nil else {
          throw TutorError("\(name) takes no value", remedy: "type \(command) … \(name) alone")
        }
        self.flags.insert(name)
      } else if options.contains(name) {
        guard values[name] == nil else {
          throw TutorError("\(name) is given twice", remedy: "give it once")
        }
        if let inlineValue {
          values[name] = inlineValue
        } else {
          guard index < words.count else {
            throw TutorError("\(name) needs a value", remedy: "type \(command) \(name) <value>; see 'help \(command)'")
          }
          values[name] = words[index]
          index += 1
        }
      } else {
        let known = Array(options.union(flags)).sorted()
        var remedy = "see 'help \(command)'"
        if let suggestion = Suggestion.closest(to: name, among: known) {
          remedy = "did you mean \(suggestion)? " + remedy
        } else if known.isEmpty {
          remedy = "'\(command)' takes no options; " + remedy
        }
        throw TutorError("unknown option '\(name.quotedForMessage)' for \(command)", remedy: remedy)
      }
    }
  }

  private static func looksNumeric(_ word: String) -> Bool {
    guard let second = word.dropFirst().first else { return false }
    return second.isNumber
  }

  func value(_ option: String) -> String? { values[option] }

  func has(_ flag: String) -> Bool { flags.contains(flag) }

  /// Fails unless there are exactly `count` positionals.
  func expectPositionals(_ count: Int, usage: String) throws(TutorError) {
    if positionals.count < count {
      throw TutorError("\(command) needs more arguments", remedy: "type \(usage)")
    }
    if positionals.count > count {
      let extra = positionals[count]
      throw TutorError("unexpected '\(extra.quotedForMessage)' after \(command)", remedy: "type \(usage)")
    }
  }

  /// An option's value as a whole number in a range.
  func integer(_ option: String, in range: ClosedRange<Int>, meaning: String) throws(TutorError) -> Int? {
    guard let text = values[option] else { return nil }
    return try Self.integer(text, in: range, meaning: meaning)
  }

  static func integer(_ text: String, in range: ClosedRange<Int>, meaning: String) throws(TutorError) -> Int {
    guard let value = Int(text), range.contains(value) else {
      throw TutorError(
        "'\(text.quotedForMessage)' is not a valid \(meaning)",
        remedy: "use a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
    return value
  }
}

extension Arguments {
  /// The subcommand word, checked against the command's list, with a suggestion when mistyped.
  static func subcommand(_ words: [String], of spec: CommandSpec, default fallback: String? = nil) throws(TutorError)
    -> String
  {
    let command = spec.name
    let known = spec.subcommands
    guard let word = words.first else {
      if let fallback { return fallback }
      throw TutorError("\(command) needs a subcommand", remedy: "type \(command) " + known.joined(separator: "|"))
    }
    guard known.contains(word.lowercased()) else {
      var remedy = "type \(command) " + known.joined(separator: "|")
      if let suggestion = Suggestion.closest(to: word, among: known) {
        remedy = "did you mean '\(command) \(suggestion)'? " + remedy
      }
      throw TutorError("'\(word.quotedForMessage)' is not a subcommand of \(command)", remedy: remedy)
    }
    return word.lowercased()
  }
}
