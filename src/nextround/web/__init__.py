"""`nextround serve`: the same handouts from a web page on this computer (app.py)."""
