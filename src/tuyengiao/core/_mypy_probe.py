def f(x):
    y: int = "s"
    return y
