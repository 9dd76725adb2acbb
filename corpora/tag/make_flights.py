#!/usr/bin/env python3
# Role: writes the project's own slot-filling demo set (flight booking in the lecture's style: "i would like
# to arrive taipei on october 23" -> destination, arrival time): seeded templates over city, airline, date and
# time vocabularies, two-column `token TAG` CoNLL files (IOB2), a train/test split in which no test sentence
# occurs in train and a few cities occur only in test. Run: python3 corpora/tag/make_flights.py
import pathlib
import random

SEED = 14
TRAIN, TEST = 480, 120
HELD_OUT_CITIES = {"kaohsiung", "hanoi", "lisbon", "nairobi", "helsinki", "osaka"}

CITIES = ["taipei", "tokyo", "seoul", "paris", "london", "berlin", "rome", "madrid", "vienna", "prague", "sydney",
          "bangkok", "singapore", "dubai", "toronto", "chicago", "boston", "denver", "seattle", "tainan", "taichung",
          "manila", "delhi", "mumbai", "cairo", "lima", "amsterdam", "zurich", "istanbul", "athens", "oslo",
          "stockholm", "dublin", "beijing", "shanghai", "new york", "los angeles", "hong kong", "san francisco",
          "kuala lumpur", "buenos aires", "cape town", "mexico city", "rio de janeiro"] + sorted(HELD_OUT_CITIES)
AIRLINES = ["china airlines", "eva air", "starlux", "delta", "united", "lufthansa", "air france", "british airways",
            "klm", "emirates", "cathay pacific", "japan airlines", "qantas", "singapore airlines",
            "turkish airlines", "american airlines", "air canada", "korean air"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def ordinal(n):
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def date_on(r):
    """A date that reads after "on": october 23, november 2nd, the 5th of may, friday (morning)."""
    month, day = r.choice(MONTHS), r.randint(1, 28)
    return r.choice([f"{month} {day}", f"{month} {day}", f"{month} {ordinal(day)}", f"the {ordinal(day)} of {month}",
                     r.choice(WEEKDAYS), f"{r.choice(WEEKDAYS)} morning", f"{r.choice(WEEKDAYS)} evening"])


def date(r):
    """Any date: those of date_on and tomorrow, tonight, next friday."""
    return r.choice([date_on(r), date_on(r), "tomorrow", "tomorrow morning", "tonight", f"next {r.choice(WEEKDAYS)}"])


def time(r):
    hour = r.randint(1, 12)
    return r.choice([f"{hour} pm", f"{hour} am", f"{hour}:{r.choice(['15', '30', '45'])} pm",
                     f"{hour}:{r.choice(['00', '30'])} am", "noon", "midnight", f"{hour} o'clock",
                     f"{hour} in the evening", f"{hour} in the morning"])


# A template is a list of pieces: plain words, or (slot type, generator) pairs.
def templates(r, city, city2, airline):
    d, d2, t, t2 = date_on(r), date_on(r), time(r), time(r)
    free = date(r)
    dest, orig = ("destination", city2), ("departure_place", city)
    arr, dep = (lambda v: ("arrival_time", v)), (lambda v: ("departure_time", v))
    return [
        ["i would like to arrive", ("destination", city), "on", arr(d)],
        ["i would like to leave", ("departure_place", city), "on", dep(d)],
        ["arrive", ("destination", city), "on", arr(d)],
        ["leave", ("departure_place", city), "on", dep(d)],
        ["i want to fly from", orig, "to", dest, "on", dep(d)],
        ["book a", ("airline", airline), "flight from", orig, "to", dest],
        ["i need to be in", ("destination", city), "by", arr(t), "on", arr(d)],
        ["leaving", orig, "at", dep(t), "and arriving in", dest, "at", arr(t2)],
        ["show me", ("airline", airline), "flights to", ("destination", city), "arriving", arr(free)],
        ["i want to arrive in", ("destination", city), arr(free), "at", arr(t)],
        ["get me to", ("destination", city), "before", arr(t)],
        ["is there a flight out of", ("departure_place", city), dep(free)],
        ["please find a flight on", ("airline", airline), "leaving", orig, dep(free), "and landing in", dest, "at", arr(t)],
        ["i will depart from", orig, "on", dep(d), "and arrive at", dest, "on", arr(d2)],
        ["which airlines fly from", orig, "to", dest],
        [("airline", airline), "to", ("destination", city), "on", arr(d), "please"],
        ["what time does the", ("airline", airline), "flight from", orig, "arrive in", dest],
        ["i have to get to", ("destination", city), "by", arr(free)],
        ["can i fly", ("airline", airline), "from", orig, "to", dest, dep(free)],
        ["i am leaving", ("departure_place", city), "at", dep(t), dep(free)],
        ["a ticket to", ("destination", city), "for", arr(d), "with", ("airline", airline)],
        ["we want to land in", ("destination", city), "on", arr(d), "around", arr(t)],
        ["flights departing", ("departure_place", city), "after", dep(t)],
        ["my flight leaves", orig, "on", dep(d), "and gets to", dest, "at", arr(t)],
        ["reserve a seat from", orig, "to", dest, "on", ("airline", airline)],
        ["i'd like to arrive at", ("destination", city), "on", arr(d)],
    ]


def render(pieces):
    tokens, tags = [], []
    for piece in pieces:
        if isinstance(piece, str):
            words = piece.split()
            tokens += words
            tags += ["O"] * len(words)
        else:
            kind, value = piece
            words = value.split()
            tokens += words
            tags += [f"B-{kind}"] + [f"I-{kind}"] * (len(words) - 1)
    return tokens, tags


def main():
    r = random.Random(SEED)
    seen, train, test = set(), [], []
    while len(train) < TRAIN or len(test) < TEST:
        city, city2 = r.sample(CITIES, 2)
        airline = r.choice(AIRLINES)
        tokens, tags = render(r.choice(templates(r, city, city2, airline)))
        key = " ".join(tokens)
        if key in seen:
            continue
        seen.add(key)
        if r.random() < 0.3:
            # Some sentences written with capitals, as people type them.
            tokens = [t.capitalize() if tag != "O" or t == "i" else t for t, tag in zip(tokens, tags)]
            tokens[0] = tokens[0][0].upper() + tokens[0][1:]
        held_out = any(c in key for c in HELD_OUT_CITIES)
        target = test if held_out or (len(train) >= TRAIN) or r.random() < TEST / (TRAIN + TEST) else train
        if target is test and len(test) >= TEST:
            if held_out:
                continue
            target = train
        target.append((tokens, tags))
    here = pathlib.Path(__file__).resolve().parent
    for name, rows in (("flights-train.txt", train), ("flights-test.txt", test)):
        with open(here / name, "w", encoding="utf-8") as f:
            for tokens, tags in rows:
                for token, tag in zip(tokens, tags):
                    f.write(f"{token} {tag}\n")
                f.write("\n")
    print(f"train {len(train)} sentences, test {len(test)}")


if __name__ == "__main__":
    main()
