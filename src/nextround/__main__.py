"""python -m nextround: the same as the nextround command."""

from .cli import run

if __name__ == "__main__":
    run()
