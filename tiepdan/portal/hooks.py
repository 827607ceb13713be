"""Where the public channel listens to the rest of the system."""


def connect() -> None:
    return None
