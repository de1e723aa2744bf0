import io

from PIL import Image

import handler


def test_thumbnail_is_small():
    big = Image.new("RGB", (2000, 1000))
    buf = io.BytesIO()
    big.save(buf, format="PNG")
    thumb = Image.open(io.BytesIO(handler.make_thumbnail(buf.getvalue())))
    assert max(thumb.size) <= 256
