"""nextround completion: the shell script that completes nextround's commands and options."""

from __future__ import annotations

import click

EXAMPLE = """\b
Examples:
  nextround completion bash >> ~/.bashrc
  nextround completion zsh  >> ~/.zshrc
  nextround completion fish > ~/.config/fish/completions/nextround.fish
"""


@click.command(epilog=EXAMPLE)
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the script that makes SHELL complete nextround's commands, options and files.

    Add it to the shell's start-up file (see the examples), then open a new terminal.
    """
    from click.shell_completion import get_completion_class

    root = click.get_current_context().find_root()
    # The variable Click's script sets when it asks the program for completions.
    script = get_completion_class(shell)(root.command, {}, "nextround", "_NEXTROUND_COMPLETE")
    click.echo(script.source())
