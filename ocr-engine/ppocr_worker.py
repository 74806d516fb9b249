#!/usr/bin/env python3
"""formpipe's PP-OCR cell reader: a long-lived process that reads grey images sent on stdin.

The models are the PP-OCR detection and recognition ONNX models shipped inside the `rapidocr`
wheel, run by the `onnxruntime` wheel on one thread; nothing is downloaded at run time.

Protocol (one request at a time, stdout flushed after each answer):
  on start   -> {"ready": true, "engine": "...", "models": [...]}\n
  request    <- a JSON line {"width": W, "height": H, "ppi": 300, "mode": "line"|"block"|"page",
                             "allowed": null | "0123...", "alternatives": false}\n followed by W*H bytes of 8-bit grey
                (row-major, 0 = black)
  answer     -> {"words": [{"text", "confidence", "box": [x0, y0, x1, y1], "line",
                            "symbols": [{"text", "confidence", "box", "alternatives"}]}]}\n
                or {"error": "..."}\n (the process stays up)
  batch      <- {"batch": [request, ...]}\n followed by each request's bytes in turn
  answer     -> {"results": [{"words": [...]}, ...]}\n, one per image, in order
"line" reads the whole image as one text line (recognition only); "block" splits a cell into
its text lines by its row profile; "page" finds the text lines with the detection model. "allowed" restricts the
reading to those characters (the CTC decoder ignores every other class), as Tesseract's
tessedit_char_whitelist does for number columns; "alternatives" adds each symbol's five best
classes at its peak (text and probability), as Tesseract's choice iterator does. The lines of a
batch are read side by side in few model runs (`Reader.recognize_strips`): one batch per page is
the fast way to read it.
"""
import json
import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

REC_HEIGHT = 48
# Lines narrower than this are padded to it, as PaddleOCR does: unpadded short cells read worse
# (on 223 dev and heavy cells, 171 right against 192), though they cost less.
MIN_WIDTH = 320
# Lines read together (`Reader.recognize_strips`) are laid side by side this far apart (model
# pixels, padding as after a line) in strips of about this width.
# The text outside the tables is read line by line from its row profile; a band taller than
# this (points) goes to the detection model.
PAGE_TALLEST_LINE = 32
STRIP_GAP = 48
STRIP_WIDTH = 960
# Characters the model tells apart only by context, by the character a restricted reading (a
# number column) means by them: a lone bar is "一" to a Chinese model and "—" in a number
# column; full-width "％" and "．" are "%" and ".".
CONFUSABLE = {"—": "一-－–_", "%": "％", ".": "．。"}


def _name(setting):
    """A model setting as written in rapidocr's configuration ("PP-OCRv6", "small")."""
    return str(getattr(setting, "value", setting))


class Reader:
    def __init__(self):
        from rapidocr import RapidOCR

        one_thread = {
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            "Global.log_level": "error",
            "Global.use_cls": False,
            # Cells are small: find their lines at their own size (the default scales the
            # shorter side up to 736 px, 20× the work on a one-line cell).
            "Det.limit_type": "max",
            "Det.limit_side_len": 2000,
        }
        engine = RapidOCR(params=one_thread)
        self.detector = engine._load_det_model()
        self.recognizer = engine._load_rec_model()
        # Class 0 is the CTC blank; the rest are the model's characters (" " included).
        self.characters = list(self.recognizer.postprocess_op.character)
        self.index = {c: i for i, c in enumerate(self.characters)}
        self.models = [
            f"{_name(engine.cfg.Det.ocr_version)} det {_name(engine.cfg.Det.model_type)}",
            f"{_name(engine.cfg.Rec.ocr_version)} rec {_name(engine.cfg.Rec.model_type)}",
        ]

    # -- recognition -------------------------------------------------------------------------

    def recognize_line(self, grey, allowed, alternatives=False):
        """One text line: its text, confidence and per-character x ranges in `grey`'s pixels."""
        h, w = grey.shape
        if h < 2 or w < 2:
            return None
        width = max(REC_HEIGHT // 4, int(np.ceil(REC_HEIGHT * w / h)))
        import cv2

        resized = cv2.resize(grey, (width, REC_HEIGHT), interpolation=cv2.INTER_AREA if h > REC_HEIGHT else cv2.INTER_CUBIC)
        # The models were trained on lines with some room after the text; pad to at least
        # 320 px (PaddleOCR's own minimum width) with background.
        padded_width = max(width, MIN_WIDTH)
        batch = np.zeros((1, 3, REC_HEIGHT, padded_width), dtype=np.float32)
        normalised = (resized.astype(np.float32) / 255.0 - 0.5) / 0.5
        batch[0, :, :, :width] = normalised[np.newaxis, :, :]
        probabilities = self.recognizer.session(batch)[0]
        if allowed:
            probabilities = probabilities.copy()
            keep = np.zeros(probabilities.shape[-1], dtype=bool)
            keep[0] = True
            for c in allowed:
                i = self.index.get(c)
                if i is None:
                    continue
                keep[i] = True
                for twin in CONFUSABLE.get(c, ""):
                    j = self.index.get(twin)
                    if j is not None and twin not in allowed:
                        probabilities[:, i] += probabilities[:, j]
            probabilities = np.where(keep[np.newaxis, :], probabilities, 0.0)
        return self.decode(
            probabilities, steps_per_pixel=probabilities.shape[0] / padded_width, scale=w / width,
            alternatives=alternatives)

    def decode(self, probabilities, steps_per_pixel, scale, alternatives=False, shift=0.0):
        """Greedy CTC decoding: the best class per step, repeats merged, blanks dropped. A
        symbol's alternatives are the five best classes at its most confident step."""
        best = probabilities.argmax(axis=1)
        confidence = probabilities.max(axis=1)
        symbols = []
        peaks = []
        previous = 0
        for step, cls in enumerate(best):
            if cls != 0 and cls != previous:
                symbols.append([self.characters[cls], float(confidence[step]), step, step])
                peaks.append(step)
            elif cls != 0 and cls == previous and symbols:
                symbols[-1][3] = step
                if confidence[step] > symbols[-1][1]:
                    symbols[-1][1] = float(confidence[step])
                    peaks[-1] = step
            previous = cls
        if not symbols:
            return None
        step_width = scale / steps_per_pixel
        out = []
        for (text, conf, first, last), peak in zip(symbols, peaks):
            choices = []
            if alternatives:
                row = probabilities[peak]
                best5 = np.argpartition(row, -5)[-5:]
                for cls in best5[np.argsort(row[best5])[::-1]]:
                    if cls != 0:
                        choices.append((self.characters[cls], float(probabilities[peak][cls])))
                # The character a confusable stands for, as likely as the confusable itself.
                choices += [(canonical, p) for t, p in list(choices)
                            for canonical, twins in CONFUSABLE.items() if t in twins]
            out.append((text, conf, int(shift + first * step_width), int(shift + (last + 1) * step_width), choices))
        return out

    def recognize_strips(self, lines, alternatives):
        """Many text lines read together: each scaled to the model's height and laid side by side,
        a gap of padding apart, into strips of about STRIP_WIDTH pixels, one model run per strip.
        The model's cost grows with the width it reads, and a short cell read alone is padded to
        MIN_WIDTH: side by side, the cells of a page are read in half the width or less, each still
        with room after its text. Every symbol belongs to the line its peak falls on (a symbol in
        a gap, a space, to none). Returns each line's symbols as `recognize_line` does, or None."""
        import cv2

        scaled = []
        for grey in lines:
            h, w = grey.shape
            if h < 2 or w < 2:
                scaled.append(None)
                continue
            width = max(REC_HEIGHT // 4, int(np.ceil(REC_HEIGHT * w / h)))
            resized = cv2.resize(grey, (width, REC_HEIGHT), interpolation=cv2.INTER_AREA if h > REC_HEIGHT else cv2.INTER_CUBIC)
            scaled.append((resized.astype(np.float32) / 255.0 - 0.5) / 0.5)
        results = [None] * len(lines)
        strip, used = [], 0
        order = [i for i, s in enumerate(scaled) if s is not None]
        for position, i in enumerate(order):
            strip.append(i)
            used += scaled[i].shape[1] + STRIP_GAP
            if used >= STRIP_WIDTH or position == len(order) - 1:
                self.read_strip(strip, scaled, lines, results, alternatives)
                strip, used = [], 0
        return results

    def read_strip(self, members, scaled, lines, results, alternatives):
        starts, x = [], 0
        for i in members:
            starts.append(x)
            x += scaled[i].shape[1] + STRIP_GAP
        strip_width = max(x, MIN_WIDTH)
        # Paper between the lines, as between the words of one line (the model's own padding
        # after a line's end, zeros, put text after it where the model never saw any).
        batch = np.ones((1, 3, REC_HEIGHT, strip_width), dtype=np.float32)
        batch[0, :, :, x:] = 0.0
        for i, start in zip(members, starts):
            batch[0, :, :, start:start + scaled[i].shape[1]] = scaled[i][np.newaxis, :, :]
        probabilities = self.recognizer.session(batch)[0]
        read = self.decode(
            probabilities, steps_per_pixel=probabilities.shape[0] / strip_width, scale=1.0,
            alternatives=alternatives) or []
        # The model names a character when it has seen it, a step or more after its ink begins,
        # sometimes only in the gap after the line: a symbol belongs to the last line that begins
        # before it does.
        owned = {i: [] for i in members}
        for symbol in read:
            owner = members[0]
            for i, start in zip(members, starts):
                if start <= symbol[2] + 2:
                    owner = i
            owned[owner].append(symbol)
        for i, start in zip(members, starts):
            scale = lines[i].shape[1] / scaled[i].shape[1]
            symbols = [(text, conf, int((x0 - start) * scale), int((x1 - start) * scale), choices)
                       for text, conf, x0, x1, choices in owned[i]]
            while symbols and not symbols[0][0].strip():
                symbols = symbols[1:]
            while symbols and not symbols[-1][0].strip():
                symbols = symbols[:-1]
            results[i] = symbols or None

    # -- layouts ------------------------------------------------------------------------------

    def read(self, grey, mode, allowed, ppi, alternatives=False):
        return self.read_many([(grey, mode, allowed, ppi, alternatives)])[0]

    def read_many(self, images):
        """Several images, each (grey, mode, allowed, ppi, alternatives): their text lines found
        one image at a time and read together (`recognize_strips`), except readings restricted
        to some characters, which are read line by line."""
        pieces = []
        for index, (grey, mode, allowed, ppi, alternatives) in enumerate(images):
            if mode == "line":
                boxes = [(0, 0, grey.shape[1], grey.shape[0])]
            elif mode == "block":
                boxes = self.lines(grey, ppi)
            else:
                boxes = self.lines(grey, ppi, tallest_points=PAGE_TALLEST_LINE, split_gaps=True)
            for x0, y0, x1, y1 in boxes:
                piece = grey[y0:y1, x0:x1]
                ink = ink_bounds(piece)
                if ink is None:
                    continue
                line, shift = padded(piece, ink, ppi)
                pieces.append((index, x0, y0, ink, line, shift))
        readings = [None] * len(pieces)
        shared = [n for n, p in enumerate(pieces) if not images[p[0]][2]]
        alternatives = any(images[pieces[n][0]][4] for n in shared)
        for n, symbols in zip(shared, self.recognize_strips([pieces[n][4] for n in shared], alternatives)):
            readings[n] = symbols
        for n, (index, *_rest) in enumerate(pieces):
            if images[index][2]:
                readings[n] = self.recognize_line(pieces[n][4], images[index][2], images[index][4])
        found = [[] for _ in images]
        for (index, x0, y0, ink, _line, shift), symbols in zip(pieces, readings):
            if not symbols:
                continue
            symbols = [(text, conf, first + shift, last + shift, alt) for text, conf, first, last, alt in symbols]
            ix0, iy0, ix1, iy1 = ink
            found[index].append((x0 + ix0, y0 + iy0, x0 + ix1, y0 + iy1, spread(symbols, ix0, ix1, x0)))
        return [self.as_words(words) for words in found]

    def lines(self, grey, ppi, tallest_points=16, split_gaps=False):
        """A cell's text lines from its row profile (formpipe has erased the rulings and the dust),
        a band taller than one and a half lines (lines of a skewed cell that touch) handed to the
        detection model instead. For a region of unknown layout (the text outside the tables: a
        title, a year line, a unit at the right margin) `split_gaps` also cuts each line where
        its ink leaves a gap wider than three times the line's height, and only a band taller than
        `tallest_points` (two lines of a title touching, a page whose rulings were not erased) goes
        to the detection model, which costs seconds on a wide band."""
        ink = grey < 128
        if split_gaps:
            ink = text_ink(ink, ppi)
        rows = ink.sum(axis=1)
        bands, start = [], None
        for y, count in enumerate(rows):
            if count > 0 and start is None:
                start = y
            elif count == 0 and start is not None:
                bands.append((start, y))
                start = None
        if start is not None:
            bands.append((start, len(rows)))
        # Join bands a small gap apart: the strokes of "三" or a line's accents.
        gap = max(2, int(ppi * 1.5 / 72))
        joined = []
        for band in bands:
            if joined and band[0] - joined[-1][1] <= gap:
                joined[-1] = (joined[-1][0], band[1])
            else:
                joined.append(band)
        # A speck or a ruling's remnant is not a line of its own when the cell has text lines
        # (it is read as "。" or ":"); a cell holding only a "—" keeps its one short band.
        shortest_line = ppi * 3 / 72
        if any(y1 - y0 >= shortest_line for y0, y1 in joined):
            joined = [(y0, y1) for y0, y1 in joined if y1 - y0 >= shortest_line]
        tallest_line = ppi * tallest_points / 72
        width = grey.shape[1]
        boxes = []
        for y0, y1 in joined:
            if y1 - y0 > tallest_line:
                boxes += [(x0, y0 + by0, x1, y0 + by1) for x0, by0, x1, by1 in self.detect(grey[y0:y1])]
            elif split_gaps:
                boxes += [(x0, y0, x1, y1) for x0, x1 in runs(ink[y0:y1].any(axis=0), 3 * (y1 - y0))]
            else:
                boxes.append((0, y0, width, y1))
        return boxes

    def detect(self, grey):
        import cv2

        colour = cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)
        found = self.detector(colour)
        if found.boxes is None or len(found.boxes) == 0:
            return []
        h, w = grey.shape
        boxes = []
        for quad in found.boxes:
            xs, ys = quad[:, 0], quad[:, 1]
            boxes.append((max(0, int(xs.min())), max(0, int(ys.min())), min(w, int(np.ceil(xs.max()))), min(h, int(np.ceil(ys.max())))))
        return [b for b in boxes if b[2] - b[0] >= 2 and b[3] - b[1] >= 2]

    @staticmethod
    def as_words(found):
        """Detected pieces grouped into text lines (top to bottom, a piece joins a line it overlaps
        vertically by half its height), each piece a word of its line, left to right."""
        found.sort(key=lambda p: (p[1] + p[3]) / 2)
        lines = []
        for piece in found:
            centre = (piece[1] + piece[3]) / 2
            for line in lines:
                top = min(p[1] for p in line)
                bottom = max(p[3] for p in line)
                if top <= centre <= bottom:
                    line.append(piece)
                    break
            else:
                lines.append([piece])
        words = []
        for number, line in enumerate(lines):
            for x0, y0, x1, y1, symbols in sorted(line, key=lambda p: p[0]):
                text = "".join(s[0] for s in symbols)
                words.append({
                    "text": text,
                    "confidence": min(s[1] for s in symbols),
                    "box": [x0, y0, x1, y1],
                    "line": number,
                    "symbols": [
                        {"text": s[0], "confidence": s[1], "box": [s[2], y0, s[3], y1],
                         "alternatives": [{"text": t, "confidence": c} for t, c in s[4]]}
                        for s in symbols
                    ],
                })
        return words


def text_ink(ink, ppi):
    """The ink of a region of unknown layout without what is not text: specks of dust (smaller
    than a full stop) and lines longer than two title lines are tall or wide (the dark edge of a
    scanned sheet, a ruling of a table the grid did not find), which would join every row of the
    region into one band."""
    import cv2

    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    smallest = max(4, int((ppi * 0.6 / 72) ** 2))
    longest = ppi * PAGE_TALLEST_LINE / 72
    thin = ppi * 1.5 / 72
    width = ink.shape[1]
    keep = np.zeros(count, dtype=bool)
    for label in range(1, count):
        x, y, w, h, area = stats[label]
        # The sheet's edge, broken by the scan into pieces at the region's side.
        edge = w <= thin and h > 3 * w and (x == 0 or x + w == width)
        keep[label] = area >= smallest and h <= longest and (w <= longest or h * 4 > w) and not edge
    return keep[labels]


def runs(columns, gap):
    """The runs of True in `columns`, joined across gaps narrower than `gap`, as (start, end)."""
    found = []
    for x in np.flatnonzero(columns):
        if found and x - found[-1][1] < gap:
            found[-1][1] = int(x) + 1
        else:
            found.append([int(x), int(x) + 1])
    return [tuple(r) for r in found]


def ink_bounds(grey):
    """The box of the pixels darker than mid-grey, or None."""
    ink = grey < 128
    rows = np.flatnonzero(ink.any(axis=1))
    columns = np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return None
    return int(columns[0]), int(rows[0]), int(columns[-1]) + 1, int(rows[-1]) + 1


def padded(piece, ink, ppi):
    """The line cut to its ink, with white above and below up to a body line's height (~14 pt):
    a lone "—" or "." scaled to the model's full line height reads as "1" or a blot. Also the
    x shift from the result's pixels back to the piece's."""
    x0, y0, x1, y1 = ink
    left = max(0, x0 - 2)
    line = piece[y0:y1, left:x1 + 2]
    height = max(line.shape[0], int(ppi * 14 / 72))
    top = (height - line.shape[0]) // 2
    margin = max(2, line.shape[0] // 8)
    out = np.full((height + 2 * margin, line.shape[1] + 2 * margin), 255, dtype=np.uint8)
    out[margin + top:margin + top + line.shape[0], margin:margin + line.shape[1]] = line
    return out, left - margin


def spread(symbols, left, right, offset):
    """Symbols with x ranges that tile the ink from `left` to `right`, split half-way between the
    CTC peaks: a peak marks a character's position, not its extent, and gaps between narrow
    peaks would read as spaces. A space the model read stays a symbol of its own (its range is
    then a gap once formpipe drops whitespace)."""
    centres = [(s[2] + s[3]) / 2 for s in symbols]
    out = []
    for i, (text, conf, _, _, choices) in enumerate(symbols):
        x0 = left if i == 0 else (centres[i - 1] + centres[i]) / 2
        x1 = right if i == len(symbols) - 1 else (centres[i] + centres[i + 1]) / 2
        out.append((text, conf, int(offset + x0), int(offset + max(x1, x0 + 1)), choices))
    return out


def read_exactly(stream, count):
    data = bytearray()
    while len(data) < count:
        chunk = stream.read(count - len(data))
        if not chunk:
            return None
        data += chunk
    return bytes(data)


def main():
    source = sys.stdin.buffer
    sink = sys.stdout
    try:
        reader = Reader()
    except Exception as error:  # the one line formpipe shows when the engine cannot start
        sink.write(json.dumps({"ready": False, "error": f"{type(error).__name__}: {error}"}) + "\n")
        sink.flush()
        return 1
    sink.write(json.dumps({"ready": True, "engine": "ppocr", "models": reader.models}) + "\n")
    sink.flush()
    while True:
        header = source.readline()
        if not header:
            return 0
        try:
            request = json.loads(header)
            batch = request["batch"] if "batch" in request else [request]
            images = []
            for item in batch:
                width, height = int(item["width"]), int(item["height"])
                pixels = read_exactly(source, width * height)
                if pixels is None:
                    return 0
                images.append((
                    np.frombuffer(pixels, dtype=np.uint8).reshape(height, width), item.get("mode", "line"),
                    item.get("allowed"), float(item.get("ppi", 300)), bool(item.get("alternatives", False))))
            readings = reader.read_many(images)
            if "batch" in request:
                answer = {"results": [{"words": words} for words in readings]}
            else:
                answer = {"words": readings[0]}
        except Exception as error:
            answer = {"error": f"{type(error).__name__}: {error}"}
        sink.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sink.flush()


if __name__ == "__main__":
    sys.exit(main())
