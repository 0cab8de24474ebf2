import ArgumentParser
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import Tutor

/// What a shell's Tab offers for arguments only the lessons know (the scripts that
/// `--generate-completion-script` writes call back into otp-tutor for these).
enum Completions {
  /// The lessons found as the command line would find them (its `--lessons`, else the usual places).
  static func catalog(_ words: [String]) -> LessonCatalog {
    var folders: [String] = []
    for (index, word) in words.enumerated() where word == "--lessons" && index + 1 < words.count {
      folders.append(words[index + 1])
    }
    return LessonCatalog(
      folders: LessonCatalog.findFolders(
        explicit: folders, environment: Launcher.environment, executable: Launcher.executablePath))
  }

  /// Lesson ids, as `lesson` takes them.
  static func lessonNames(_ words: [String]) -> [String] {
    let catalog = catalog(words)
    return catalog.lessons.map { catalog.shortName(of: $0) }
  }

  /// The step ids of the lesson the command line names.
  static func stepIDs(_ words: [String]) -> [String] {
    let catalog = catalog(words)
    for word in words.reversed() {
      if let lesson = catalog.lesson(word) { return lesson.steps.map(\.id) }
      if word.hasSuffix(".md"), let lesson = try? LessonCatalog.load(word) { return lesson.steps.map(\.id) }
    }
    return []
  }
}

extension Completions {
  /// The completion script for `shell`: swift-argument-parser's, with the default subcommand's
  /// options also at the top level, as the command line takes them (`otp-tutor --script F` is
  /// `otp-tutor shell --script F`). swift-argument-parser's scripts offer only subcommands there.
  static func script(for shell: CompletionShell) -> String {
    let generated = OTPTutor.completionScript(for: shell)
    switch shell {
    case .bash:
      // Before the generated function runs, a command line whose first word is an option gets
      // `shell` put in front of it.
      return generated + """

        # The shell is the default subcommand: complete `otp-tutor --script F` as `otp-tutor shell --script F`.
        _otp-tutor_default_subcommand() {
            if [[ "${COMP_CWORD}" -ge 1 && "${COMP_WORDS[1]}" == -* ]]; then
                COMP_LINE="${COMP_WORDS[0]} shell${COMP_LINE#"${COMP_WORDS[0]}"}"
                ((COMP_POINT += 6))
                COMP_WORDS=("${COMP_WORDS[0]}" shell "${COMP_WORDS[@]:1}")
                ((COMP_CWORD += 1))
            fi
            _otp-tutor "${@}"
        }
        complete -o filenames -F _otp-tutor_default_subcommand otp-tutor

        """
    case .fish:
      let subcommands = OTPTutor.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
      let noSubcommand = "not __fish_seen_subcommand_from \(subcommands.joined(separator: " "))"
      return generated + """

        # The shell is the default subcommand: its options also before any subcommand.
        complete -c 'otp-tutor' -n '\(noSubcommand)' -l 'script' -d 'Run the commands in FILE.' -rF
        complete -c 'otp-tutor' -n '\(noSubcommand)' -l 'lessons' -d 'Read lessons from this folder.' -rfa '(__fish_complete_directories)'
        complete -c 'otp-tutor' -n '\(noSubcommand)' -l 'seed' -d 'Make secrets repeatable, for demos only.' -rf
        complete -c 'otp-tutor' -n '\(noSubcommand)' -l 'clock' -d 'Start the clock at this time.' -rf
        complete -c 'otp-tutor' -n '\(noSubcommand)' -l 'no-color' -d 'No colour, even on a terminal.'
        complete -c 'otp-tutor' -n '\(noSubcommand)' -l 'plain' -d 'For screen readers and braille displays.'
        complete -c 'otp-tutor' -n '\(noSubcommand)' -l 'stop-on-error' -d 'In a script, stop at the first command that fails.'

        """
    case .zsh:
      // The generated file ends by calling, or registering, `_otp-tutor`; it registers (and on
      // a first completion calls) a wrapper instead, which puts `shell` in front of a command
      // line whose first word is an option.
      let dispatch = """
        if [[ "${funcstack[1]}" = _otp-tutor ]]; then
            _otp-tutor "${@}"
        else
            compdef _otp-tutor otp-tutor
        fi
        """
      let wrapped = """
        # The shell is the default subcommand: complete `otp-tutor --script F` as `otp-tutor shell --script F`.
        _otp-tutor_default_subcommand() {
            if (( CURRENT > 1 )) && [[ "${words[2]}" == -* ]]; then
                words=("${words[1]}" shell "${(@)words[2,-1]}")
                (( CURRENT += 1 ))
            fi
            _otp-tutor "${@}"
        }

        # Registered also when this file is autoloaded for a first completion, after which the
        # name _otp-tutor is the generated function.
        compdef _otp-tutor_default_subcommand otp-tutor
        if [[ "${funcstack[1]}" = _otp-tutor ]]; then
            _otp-tutor_default_subcommand "${@}"
        fi
        """
      return generated.replacing(dispatch, with: wrapped)
    default:
      return generated
    }
  }
}
