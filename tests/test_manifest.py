"""Samtal can be put on a phone's home screen: every page links a web app manifest with PNG icons."""

import json
import struct

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse


def png_size(path):
    with open(path, "rb") as image:
        header = image.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_pages_link_a_manifest_whose_icons_exist_in_their_sizes(client, cast):
    client.force_login(cast.agent.user)
    page = client.get(reverse("home"), follow=True).content.decode()
    assert f'<link rel="manifest" href="{static("manifest.webmanifest")}">' in page

    manifest = json.loads(open(finders.find("manifest.webmanifest"), encoding="utf-8").read())
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    sizes = {}
    for icon in manifest["icons"]:
        width, height = png_size(finders.find(icon["src"]))
        assert icon["sizes"] == f"{width}x{height}" and icon["type"] == "image/png"
        sizes[width] = icon["src"]
    assert {192, 512} <= set(sizes)
