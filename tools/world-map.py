#!/usr/bin/env python3
"""Turns Natural Earth's 1:110m countries (the world-atlas TopoJSON redistribution) into the SVG paths the
map page draws: one line per country, `ALPHA2<TAB>path`, in an equirectangular projection 960 units wide,
Antarctica left out.

Usage: python3 tools/world-map.py countries-110m.json > crates/opo-web/assets/vendor/world-110m.tsv
Needs pycountry (pip install pycountry) for the ISO 3166 numeric to alpha-2 codes."""
import json
import sys

import pycountry

WIDTH = 960
K = WIDTH / 360.0
SOUTH = -60.0  # below this latitude only Antarctica remains


def decode_arcs(topology):
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def project(lon, lat):
    return round((lon + 180.0) * K), round((90.0 - max(lat, SOUTH)) * K)


def unwrap(points):
    """Keeps a ring that crosses the 180th meridian in one piece: its far side runs past the map's edge
    (where the SVG's viewport clips it) instead of drawing a line across the whole world."""
    out = []
    for lon, lat in points:
        if out:
            previous = out[-1][0]
            while lon - previous > 180:
                lon -= 360
            while lon - previous < -180:
                lon += 360
        out.append((lon, lat))
    return out


def path(rings):
    parts = []
    for points in rings:
        projected = []
        for lon, lat in unwrap(points):
            p = project(lon, lat)
            if not projected or projected[-1] != p:
                projected.append(p)
        if len(projected) < 3:
            continue
        head = "M{},{}".format(*projected[0])
        tail = "".join("L{},{}".format(*p) for p in projected[1:])
        parts.append(head + tail + "Z")
    return "".join(parts)


def main():
    topology = json.load(open(sys.argv[1]))
    arcs = decode_arcs(topology)
    lines = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        found = pycountry.countries.get(numeric=str(geometry.get("id", "")).zfill(3))
        if found is None or found.alpha_2 == "AQ":
            continue
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [ring(arcs, r) for polygon in polygons for r in polygon]
        d = path(rings)
        if d:
            lines.append(f"{found.alpha_2}\t{d}")
    lines.sort()
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
