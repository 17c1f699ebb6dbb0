#!/usr/bin/env python3
"""Generate a fictional Kazakh-style demo city for Sakura.

The output directory receives:

- city.json: the city id, names in kk/ru/en and the generator settings;
- boundary.geojson: the convex city boundary;
- districts.geojson: districts that partition the boundary;
- schools.geojson: one point per school with names, languages, address and
  passport (grades, shifts, capacity, enrollment, free places by grade,
  director, contacts, founding year, profile, programmes, accessibility);
- catchments.geojson: for each language of instruction (kk and ru), the
  Voronoi cells of the schools that teach it, clipped to the boundary;
- streets.csv and addresses.csv (unless --no-addresses): street names in
  Russian and Kazakh with types, districts and former names, and house
  numbers with points along each street;
- teachers.csv and teacher_indicators.csv (unless --no-teachers): teachers
  of grades 1-4, and for each of them and each school year the share of
  pupils at the expected level, the olympiad share and parent feedback.

Everything is invented demo data placed in empty steppe near 68.5 E, 47.5 N.
No real city, school or address is described. city.json and every GeoJSON
feature carry "demo": true.

All geometry is computed with exact integer arithmetic and written with 7
decimals, so within one language (and among the districts) neighbouring
polygons share their edges with identical vertices and tile the boundary
without gaps or overlaps. `--verify` checks this on files already written.
The standard library is enough to run the script, and on one platform the
output is byte-identical for the same options.
"""

import argparse
import bisect
import csv
import heapq
import json
import math
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

# ---------------------------------------------------------------------------
# Coordinate frame
#
# Positions are integers in units of 1e-7 degree ("E7"), relative to the
# origin below. GeoJSON is written with 7 decimals, so E7 integers are written
# without any further rounding.
#
# Distances use a fixed equirectangular projection centred on the origin.
# Because an E7 unit times (metres per degree) is a length in units of 1e-7 m,
# the metric coordinates x * METRES_PER_DEGREE_LON and y * METRES_PER_DEGREE_LAT
# are exact integers in units of 1e-7 m ("metric units" below).
# ---------------------------------------------------------------------------

E7_PER_DEGREE = 10**7
METRIC_UNITS_PER_METRE = 10**7
ORIGIN_LON_E7 = 685_000_000  # 68.5 E: open steppe, not the site of a real city
ORIGIN_LAT_E7 = 475_000_000  # 47.5 N
# Sphere of radius 6,371,008.8 m: 111,195 m per degree of latitude, and that
# times cos(47.5 degrees) per degree of longitude. The scale error across a
# 7,000-school city (about +-0.45 degree of latitude) is below 1 %.
METRES_PER_DEGREE_LAT = 111_195
METRES_PER_DEGREE_LON = 75_122
LON_WEIGHT = METRES_PER_DEGREE_LON**2
LAT_WEIGHT = METRES_PER_DEGREE_LAT**2

# ---------------------------------------------------------------------------
# Generator settings
# ---------------------------------------------------------------------------

DEFAULT_SCHOOLS = 150
DEFAULT_SEED = 2026
DEFAULT_OUT = "geodata/demo"
DEFAULT_ID = "demo"
# Rejects typing mistakes such as 1000000000, which would need far more time and
# memory than any demo needs.
MAX_SCHOOLS = 100_000

# The city measures about 18 km x 14 km for REFERENCE_SCHOOLS schools. Its area
# grows in proportion to the school count, so school density stays constant.
REFERENCE_SCHOOLS = 150
REFERENCE_SEMI_AXES_M = (9_000.0, 7_000.0)
BOUNDARY_MIN_CORNERS = 40
BOUNDARY_EXTRA_CORNERS = 15  # 40..54 target corners, plus up to 2 axis edges
# Boundary edge directions are primitive integer vectors with components up to
# this limit, so lattice points lie along each edge at most 0.22 m apart. Cells
# split boundary edges at such lattice points, which stay exactly on the edge.
MAX_DIRECTION_COMPONENT = 16

SCHOOL_SPACING_M = 300.0
# With schools 300 m apart, each catchment contains the 150 m disc around its
# school, so no cell becomes a sliver.
BOUNDARY_CLEARANCE_M = 150.0
# Rounding district vertices to 7 decimals moves district edges by at most
# 0.11 m, so this margin keeps each school inside the district of its nearest
# district seed.
DISTRICT_EDGE_CLEARANCE_M = 20.0
SCHOOLS_PER_DISTRICT = 22
MAX_DISTRICTS = 60
PLACEMENT_ATTEMPTS_PER_POINT = 2_000

LANGUAGE_LAYERS = ("kk", "ru")
# Order of language codes inside the "languages" property.
LANGUAGE_ORDER = ("kk", "ru", "en", "ug", "uz", "tg")

GENERATOR_PATH = "tools/make_demo_city.py"
OUTPUT_FILES = (
    "city.json",
    "boundary.geojson",
    "districts.geojson",
    "schools.geojson",
    "catchments.geojson",
)


class GenerationError(Exception):
    """Failure that stops generation, reported on stderr."""


# ---------------------------------------------------------------------------
# Random numbers
# ---------------------------------------------------------------------------


def make_rng(seed, stream):
    """Create the generator for one concern (boundary, schools, names, ...).

    The Python documentation of the random module ("Notes on
    Reproducibility") promises that random() keeps its sequence for a given
    seed across versions, but not the other methods, so the helpers below use
    only random(). Separate streams keep, for example, school names unchanged
    when only the placement code changes.
    """
    return random.Random(f"{seed}:{stream}")


def random_below(rng, count):
    return min(int(rng.random() * count), count - 1)


def random_uniform(rng, low, high):
    return low + (high - low) * rng.random()


def random_weighted(rng, weights):
    """Pick a key of `weights` (a list of (key, weight) pairs) by weight."""
    total = sum(weight for _, weight in weights)
    target = rng.random() * total
    for key, weight in weights:
        target -= weight
        if target < 0:
            return key
    return weights[-1][0]


def shuffle_list(rng, items):
    """Shuffle `items` in place with Fisher-Yates on random()."""
    for index in range(len(items) - 1, 0, -1):
        other = random_below(rng, index + 1)
        items[index], items[other] = items[other], items[index]


# ---------------------------------------------------------------------------
# Planar helpers on E7 points
# ---------------------------------------------------------------------------


def metric_distance_squared(first, second):
    """Return the squared distance between two E7 points, in metric units squared."""
    dx = first[0] - second[0]
    dy = first[1] - second[1]
    return LON_WEIGHT * dx * dx + LAT_WEIGHT * dy * dy


def metres_to_e7(x_m, y_m):
    return (
        x_m * E7_PER_DEGREE / METRES_PER_DEGREE_LON,
        y_m * E7_PER_DEGREE / METRES_PER_DEGREE_LAT,
    )


def cross(ax, ay, bx, by):
    return ax * by - ay * bx


def signed_area_doubled(ring):
    """Return twice the shoelace area of an open ring (positive if CCW)."""
    total = 0
    count = len(ring)
    for index in range(count):
        x1, y1 = ring[index]
        x2, y2 = ring[(index + 1) % count]
        total += x1 * y2 - x2 * y1
    return total


def e7_area_to_km2(area_doubled):
    return area_doubled / 2 * METRES_PER_DEGREE_LON * METRES_PER_DEGREE_LAT / 1e14 / 1e6


# ---------------------------------------------------------------------------
# City boundary
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Boundary:
    """Strictly convex CCW city boundary in E7 coordinates.

    Edge i runs from vertices[i] to vertices[i] + steps[i] * directions[i],
    which is vertices[i + 1]. Each direction is a primitive integer vector, so
    the lattice points on edge i are exactly vertices[i] + t * directions[i]
    for integer t in [0, steps[i]].
    """

    vertices: tuple
    directions: tuple
    steps: tuple

    def clearance_m(self, point):
        """Return the distance in metres from an inside point to the nearest edge.

        The result is negative if the point lies outside.
        """
        nearest = math.inf
        for (vx, vy), (ux, uy) in zip(self.vertices, self.directions):
            offset_cross = cross(ux, uy, point[0] - vx, point[1] - vy)
            edge_length = math.hypot(ux * METRES_PER_DEGREE_LON, uy * METRES_PER_DEGREE_LAT)
            distance = offset_cross * METRES_PER_DEGREE_LON * METRES_PER_DEGREE_LAT / edge_length
            nearest = min(nearest, distance / METRIC_UNITS_PER_METRE)
        return nearest

    def bounding_box(self):
        xs = [x for x, _ in self.vertices]
        ys = [y for _, y in self.vertices]
        return min(xs), min(ys), max(xs), max(ys)

    def area_m2(self):
        return e7_area_to_km2(signed_area_doubled(self.vertices)) * 1e6


def list_primitive_directions(limit):
    """List the primitive integer vectors with components in [-limit, limit], by angle."""
    directions = [
        (dx, dy)
        for dx in range(-limit, limit + 1)
        for dy in range(-limit, limit + 1)
        if (dx, dy) != (0, 0) and math.gcd(dx, dy) == 1
    ]
    directions.sort(key=lambda direction: math.atan2(direction[1], direction[0]))
    return directions


def nearest_direction(directions, vector):
    """Return the direction whose angle is closest to the angle of `vector`."""
    angle = math.atan2(vector[1], vector[0])

    def angular_gap(direction):
        gap = abs(math.atan2(direction[1], direction[0]) - angle)
        return min(gap, 2 * math.pi - gap)

    return min(directions, key=angular_gap)


def build_boundary(rng, school_count):
    """Build a wobbly convex ellipse whose edges run along lattice directions.

    Target corners lie on an ellipse perturbed by a few low harmonics. Each
    target edge is replaced by an integer multiple of the nearest primitive
    direction. The rounding residual is then closed with axis-parallel edges,
    and sorting the edges by angle makes the polygon convex and CCW.

    NOTE: math.sin, math.cos and math.atan2 come from the platform C library,
    so another platform may, in rare cases, produce a different boundary for
    the same seed. Everything else uses only correctly rounded operations.
    """
    scale = math.sqrt(school_count / REFERENCE_SCHOOLS)
    semi_x_m = REFERENCE_SEMI_AXES_M[0] * scale
    semi_y_m = REFERENCE_SEMI_AXES_M[1] * scale
    corner_count = BOUNDARY_MIN_CORNERS + random_below(rng, BOUNDARY_EXTRA_CORNERS)
    harmonics = [
        (order, random_uniform(rng, 0.01, 0.035), random_uniform(rng, 0.0, 2 * math.pi))
        for order in (2, 3, 5)
    ]

    targets = []
    for index in range(corner_count):
        angle = 2 * math.pi * (index + random_uniform(rng, -0.3, 0.3)) / corner_count
        radius = 1.0 + sum(amplitude * math.cos(order * angle + phase) for order, amplitude, phase in harmonics)
        targets.append(metres_to_e7(semi_x_m * radius * math.cos(angle), semi_y_m * radius * math.sin(angle)))

    directions = list_primitive_directions(MAX_DIRECTION_COMPONENT)
    steps_by_direction = defaultdict(int)
    for index in range(corner_count):
        start = targets[index]
        end = targets[(index + 1) % corner_count]
        vector = (end[0] - start[0], end[1] - start[1])
        direction = nearest_direction(directions, vector)
        projection = (vector[0] * direction[0] + vector[1] * direction[1]) / (direction[0] ** 2 + direction[1] ** 2)
        steps_by_direction[direction] += max(1, round(projection))

    # Close the polygon exactly: only lengthen edges, so every step count stays positive.
    residual_x = sum(steps * dx for (dx, _), steps in steps_by_direction.items())
    residual_y = sum(steps * dy for (_, dy), steps in steps_by_direction.items())
    if residual_x > 0:
        steps_by_direction[(-1, 0)] += residual_x
    elif residual_x < 0:
        steps_by_direction[(1, 0)] += -residual_x
    if residual_y > 0:
        steps_by_direction[(0, -1)] += residual_y
    elif residual_y < 0:
        steps_by_direction[(0, 1)] += -residual_y

    ordered = sorted(steps_by_direction, key=lambda direction: math.atan2(direction[1], direction[0]))
    vertices = [(0, 0)]
    for direction in ordered[:-1]:
        x, y = vertices[-1]
        steps = steps_by_direction[direction]
        vertices.append((x + steps * direction[0], y + steps * direction[1]))

    # Centre the polygon on the origin.
    shift_x = round(sum(x for x, _ in vertices) / len(vertices))
    shift_y = round(sum(y for _, y in vertices) / len(vertices))
    vertices = [(x - shift_x, y - shift_y) for x, y in vertices]
    return Boundary(
        vertices=tuple(vertices),
        directions=tuple(ordered),
        steps=tuple(steps_by_direction[direction] for direction in ordered),
    )


# ---------------------------------------------------------------------------
# Exact clipping and Voronoi cells
# ---------------------------------------------------------------------------


class ExactPoint(NamedTuple):
    """Exact rational point (x / w, y / w) in E7 coordinates.

    The integers are reduced by their gcd with w > 0, so equal points have
    equal fields. `edges` contains the indices of the boundary edges the point
    lies on: empty inside the city, two at a boundary corner.
    """

    x: int
    y: int
    w: int
    edges: frozenset


def make_boundary_polygon(boundary):
    count = len(boundary.vertices)
    return [
        ExactPoint(x, y, 1, frozenset({(index - 1) % count, index}))
        for index, (x, y) in enumerate(boundary.vertices)
    ]


def make_bisector_half_plane(site, other):
    """Return (a, b, c) such that a*x + b*y <= c is true where `site` is not farther than `other`.

    Distances are metric, so the line is the perpendicular bisector in metres.
    """
    sx, sy = site
    ox, oy = other
    a = 2 * LON_WEIGHT * (ox - sx)
    b = 2 * LAT_WEIGHT * (oy - sy)
    c = LON_WEIGHT * (ox * ox - sx * sx) + LAT_WEIGHT * (oy * oy - sy * sy)
    return a, b, c


def intersect_with_line(first, first_value, second, second_value):
    """Return the point where the line with the given values crosses segment first-second.

    `first_value` and `second_value` are the line function a*x + b*y - c*w at
    the endpoints and have strictly opposite signs. The point is the
    homogeneous combination first_value * second - second_value * first,
    reduced so that equal points get equal fields.
    """
    x = first_value * second.x - second_value * first.x
    y = first_value * second.y - second_value * first.y
    w = first_value * second.w - second_value * first.w
    if w < 0:
        x, y, w = -x, -y, -w
    divisor = math.gcd(x, y, w)
    return ExactPoint(x // divisor, y // divisor, w // divisor, first.edges & second.edges)


def clip_to_half_plane(polygon, a, b, c):
    """Clip a convex polygon to a*x + b*y <= c (Sutherland-Hodgman, exact).

    Returns `polygon` itself when nothing is cut off. Points on the line are
    kept, and a new vertex is created only where an edge strictly crosses the
    line, so the result has no repeated vertices.
    """
    values = [a * point.x + b * point.y - c * point.w for point in polygon]
    if max(values) <= 0:
        return polygon
    clipped = []
    count = len(polygon)
    for index in range(count):
        next_index = index + 1 if index + 1 < count else 0
        value = values[index]
        next_value = values[next_index]
        if value <= 0:
            clipped.append(polygon[index])
        if (value < 0 < next_value) or (next_value < 0 < value):
            clipped.append(intersect_with_line(polygon[index], value, polygon[next_index], next_value))
    return clipped


def cut_distance_squared(polygon, site):
    """Return the squared metric distance beyond which no other site can cut `polygon`.

    A site farther than twice the farthest vertex has its bisector outside the
    disc that contains the polygon. The value is raised by a relative 1e-9,
    far above float rounding (about 1e-16 relative), so it never falls below
    the exact bound.
    """
    sx, sy = site
    farthest = 0.0
    for point in polygon:
        dx = point.x - sx * point.w
        dy = point.y - sy * point.w
        # int / int is correctly rounded in Python, even for very large ints.
        distance_squared = (LON_WEIGHT * dx * dx + LAT_WEIGHT * dy * dy) / (point.w * point.w)
        farthest = max(farthest, distance_squared)
    return 4.0 * farthest * (1.0 + 1e-9)


class SiteGrid:
    """Uniform bucket grid over the sites, in metric coordinates."""

    def __init__(self, sites, cell_size):
        self.cell_size = cell_size
        self.buckets = defaultdict(list)
        for index, site in enumerate(sites):
            self.buckets[self.cell_of(site)].append(index)
        columns = [column for column, _ in self.buckets]
        rows = [row for _, row in self.buckets]
        self.column_range = (min(columns), max(columns))
        self.row_range = (min(rows), max(rows))

    def cell_of(self, site):
        return (
            (site[0] * METRES_PER_DEGREE_LON) // self.cell_size,
            (site[1] * METRES_PER_DEGREE_LAT) // self.cell_size,
        )

    def ring(self, centre, radius):
        """Yield the site indices in the square ring of cells at Chebyshev distance `radius`.

        A site in a ring farther out differs from any point of the centre cell
        by more than radius * cell_size in x or in y.
        """
        centre_column, centre_row = centre
        first_column, last_column = self.column_range
        first_row, last_row = self.row_range
        if radius == 0:
            yield from self.buckets.get(centre, ())
            return
        for row in (centre_row - radius, centre_row + radius):
            if first_row <= row <= last_row:
                first = max(centre_column - radius, first_column)
                last = min(centre_column + radius, last_column)
                for column in range(first, last + 1):
                    yield from self.buckets.get((column, row), ())
        for column in (centre_column - radius, centre_column + radius):
            if first_column <= column <= last_column:
                first = max(centre_row - radius + 1, first_row)
                last = min(centre_row + radius - 1, last_row)
                for row in range(first, last + 1):
                    yield from self.buckets.get((column, row), ())

    def max_radius(self, centre):
        return max(
            centre[0] - self.column_range[0],
            self.column_range[1] - centre[0],
            centre[1] - self.row_range[0],
            self.row_range[1] - centre[1],
        )


def compute_voronoi_cell(index, sites, grid, boundary_polygon):
    """Clip the boundary by the bisectors of site `index` against its neighbours.

    Other sites are taken in increasing distance from a heap fed ring by ring
    from the grid. Sites not yet in the heap are farther than
    radius * cell_size, so the loop stops once that bound and the nearest heap
    entry both exceed the cut distance of the current cell.
    """
    site = sites[index]
    centre = grid.cell_of(site)
    last_radius = grid.max_radius(centre)
    polygon = boundary_polygon
    cut_limit = cut_distance_squared(polygon, site)
    heap = []
    radius = 0
    while True:
        for other in grid.ring(centre, radius):
            if other != index:
                heapq.heappush(heap, (metric_distance_squared(site, sites[other]), other))
        unseen_bound = (radius * grid.cell_size) ** 2
        while heap and heap[0][0] <= unseen_bound:
            distance_squared, other = heapq.heappop(heap)
            if distance_squared > cut_limit:
                return polygon
            clipped = clip_to_half_plane(polygon, *make_bisector_half_plane(site, sites[other]))
            if clipped is not polygon:
                if len(clipped) < 3:
                    raise GenerationError(f"Voronoi cell of site {index} at {site} became empty")
                polygon = clipped
                cut_limit = cut_distance_squared(polygon, site)
        if unseen_bound >= cut_limit:
            return polygon
        if radius >= last_radius and not heap:
            return polygon
        radius += 1


def compute_voronoi_cells(boundary, sites):
    """Return the exact Voronoi cell of every site, clipped to the boundary."""
    boundary_polygon = make_boundary_polygon(boundary)
    area_metric = boundary.area_m2() * METRIC_UNITS_PER_METRE**2
    cell_size = max(1, int(math.sqrt(area_metric / len(sites))))
    grid = SiteGrid(sites, cell_size)
    return [compute_voronoi_cell(index, sites, grid, boundary_polygon) for index in range(len(sites))]


# ---------------------------------------------------------------------------
# Rounding exact cells to 7 decimals
# ---------------------------------------------------------------------------


def round_to_lattice(point, boundary):
    """Round an exact point to E7 integers.

    Points inside the city round each coordinate half up (at most 6 mm).
    Points on a boundary edge move along that edge to its nearest lattice
    point (at most 0.11 m),
    so the rounded point stays exactly on the edge. The rounding is a function
    of the point alone, so every cell sharing a vertex gets the same result.
    """
    if point.w == 1:
        return point.x, point.y
    if not point.edges:
        return (2 * point.x + point.w) // (2 * point.w), (2 * point.y + point.w) // (2 * point.w)
    edge = min(point.edges)
    vx, vy = boundary.vertices[edge]
    ux, uy = boundary.directions[edge]
    numerator = (point.x - vx * point.w) * ux + (point.y - vy * point.w) * uy
    denominator = point.w * (ux * ux + uy * uy)
    step = (2 * numerator + denominator) // (2 * denominator)
    step = max(0, min(boundary.steps[edge], step))
    return vx + step * ux, vy + step * uy


def round_cells(cells, boundary):
    """Round exact cells to E7 rings, dropping repeated consecutive vertices.

    Collinear vertices are kept on purpose, because a neighbouring cell may
    need them as the end of its shared edge.
    """
    rounded_cells = []
    for index, cell in enumerate(cells):
        ring = []
        for point in cell:
            rounded = round_to_lattice(point, boundary)
            if not ring or ring[-1] != rounded:
                ring.append(rounded)
        while len(ring) > 1 and ring[0] == ring[-1]:
            ring.pop()
        if len(ring) < 3:
            raise GenerationError(f"cell {index} has fewer than 3 distinct vertices after rounding to 7 decimals")
        rounded_cells.append(ring)
    return rounded_cells


# ---------------------------------------------------------------------------
# Placement of district seeds and schools
# ---------------------------------------------------------------------------


def random_point_in_box(rng, box):
    min_x, min_y, max_x, max_y = box
    return (min_x + random_below(rng, max_x - min_x + 1), min_y + random_below(rng, max_y - min_y + 1))


def district_count_for(school_count):
    return max(1, min(MAX_DISTRICTS, round(school_count / SCHOOLS_PER_DISTRICT)))


def place_district_seeds(rng, boundary, count):
    """Place district seed points by dart throwing, ordered north to south.

    The minimum spacing starts at 0.6 of the side of an average district and
    shrinks by 10 % after each round of failed attempts.
    """
    box = boundary.bounding_box()
    spacing_m = 0.6 * math.sqrt(boundary.area_m2() / count)
    while True:
        seeds = []
        for _ in range(PLACEMENT_ATTEMPTS_PER_POINT * count):
            if len(seeds) == count:
                break
            candidate = random_point_in_box(rng, box)
            if boundary.clearance_m(candidate) < 0.3 * spacing_m:
                continue
            spacing_metric = spacing_m * METRIC_UNITS_PER_METRE
            if all(metric_distance_squared(candidate, seed) >= spacing_metric**2 for seed in seeds):
                seeds.append(candidate)
        if len(seeds) == count:
            return sorted(seeds, key=lambda seed: (-seed[1], seed[0]))
        spacing_m *= 0.9


def find_district(point, seeds, seed_distances):
    """Return (index of nearest seed, distance in metres to the nearest district edge)."""
    distances = [metric_distance_squared(point, seed) for seed in seeds]
    nearest = min(range(len(seeds)), key=distances.__getitem__)
    clearance = math.inf
    for other in range(len(seeds)):
        if other != nearest:
            # Distance from the point to the bisector of the two seeds.
            gap = (distances[other] - distances[nearest]) / (2 * seed_distances[nearest][other])
            clearance = min(clearance, gap / METRIC_UNITS_PER_METRE)
    return nearest, clearance


def place_schools(rng, boundary, seeds, count):
    """Place schools by dart throwing inside the boundary.

    Each school keeps SCHOOL_SPACING_M from every other school,
    BOUNDARY_CLEARANCE_M from the boundary and DISTRICT_EDGE_CLEARANCE_M from
    district edges. Returns a list of (point, district index).
    """
    box = boundary.bounding_box()
    seed_distances = [[math.sqrt(metric_distance_squared(a, b)) for b in seeds] for a in seeds]
    spacing_metric = int(SCHOOL_SPACING_M * METRIC_UNITS_PER_METRE)
    buckets = defaultdict(list)
    placed = []
    attempts = PLACEMENT_ATTEMPTS_PER_POINT * count
    for _ in range(attempts):
        if len(placed) == count:
            break
        candidate = random_point_in_box(rng, box)
        if boundary.clearance_m(candidate) < BOUNDARY_CLEARANCE_M:
            continue
        column = candidate[0] * METRES_PER_DEGREE_LON // spacing_metric
        row = candidate[1] * METRES_PER_DEGREE_LAT // spacing_metric
        crowded = any(
            metric_distance_squared(candidate, other) < spacing_metric**2
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for other in buckets.get((column + dx, row + dy), ())
        )
        if crowded:
            continue
        district, clearance = find_district(candidate, seeds, seed_distances)
        if clearance < DISTRICT_EDGE_CLEARANCE_M:
            continue
        buckets[(column, row)].append(candidate)
        placed.append((candidate, district))
    if len(placed) < count:
        raise GenerationError(
            f"placed only {len(placed)} of {count} schools after {attempts} attempts. "
            f"Lower SCHOOL_SPACING_M or the clearances"
        )
    return placed


# ---------------------------------------------------------------------------
# Names, languages and addresses
# ---------------------------------------------------------------------------

# (type, weight, kk name, ru name, en name); {n} is the school number.
SCHOOL_TYPES = (
    ("general", 0.72, "№{n} жалпы білім беретін мектеп", "Общеобразовательная школа №{n}", "Secondary School No. {n}"),
    ("gymnasium", 0.08, "№{n} гимназия", "Гимназия №{n}", "Gymnasium No. {n}"),
    ("lyceum", 0.05, "№{n} лицей", "Лицей №{n}", "Lyceum No. {n}"),
    ("school_gymnasium", 0.06, "№{n} мектеп-гимназия", "Школа-гимназия №{n}", "School-Gymnasium No. {n}"),
    ("specialised", 0.04, "№{n} мамандандырылған мектеп", "Специализированная школа №{n}", "Specialised School No. {n}"),
    ("small_rural", 0.02, "№{n} шағын жинақты мектеп", "Малокомплектная школа №{n}", "Small Rural School No. {n}"),
    ("correctional", 0.02, "№{n} арнайы түзету мектебі", "Специальная коррекционная школа №{n}", "Special Education School No. {n}"),
    ("evening", 0.01, "№{n} кешкі мектеп", "Вечерняя школа №{n}", "Evening School No. {n}"),
)
SCHOOL_TYPE_NAMES = {entry[0]: entry[2:] for entry in SCHOOL_TYPES}
# Small rural schools appear only near the edge of the city, where they are
# eight times more likely than their base weight.
PERIPHERAL_SMALL_RURAL_FACTOR = 8
PERIPHERY_DEPTH_FRACTION = 0.08  # of the square root of the city area
STATE_ONLY_TYPES = frozenset({"small_rural", "correctional", "evening"})
PRIVATE_SHARE = 0.10

BASE_LANGUAGES = (("kk", 0.45), ("ru", 0.22), ("kk,ru", 0.33))
# Probability of one additional language, and which one.
ADDITIONAL_LANGUAGE_SHARE = 0.05
ADDITIONAL_LANGUAGES = (("ug", 0.35), ("uz", 0.35), ("tg", 0.1), ("en", 0.2))
ENGLISH_TYPES = frozenset({"gymnasium", "lyceum", "school_gymnasium", "specialised"})
ENGLISH_SHARE_IN_ENGLISH_TYPES = 0.15

# (ru, kk) street names; addresses read "ул. Абая, 25" / "Абай көшесі, 25".
STREETS = (
    ("ул. Абая", "Абай көшесі"),
    ("ул. Кенесары", "Кенесары көшесі"),
    ("ул. Сейфуллина", "Сейфуллин көшесі"),
    ("ул. Жамбыла", "Жамбыл көшесі"),
    ("ул. Богенбай батыра", "Бөгенбай батыр көшесі"),
    ("ул. Кабанбай батыра", "Қабанбай батыр көшесі"),
    ("ул. Валиханова", "Уәлиханов көшесі"),
    ("ул. Ауэзова", "Әуезов көшесі"),
    ("ул. Букейханова", "Бөкейханов көшесі"),
    ("ул. Достык", "Достық көшесі"),
    ("ул. Желтоксан", "Желтоқсан көшесі"),
    ("ул. Сарыарка", "Сарыарқа көшесі"),
    ("ул. Махамбета", "Махамбет көшесі"),
    ("ул. Толе би", "Төле би көшесі"),
    ("ул. Казыбек би", "Қазыбек би көшесі"),
    ("ул. Айтеке би", "Әйтеке би көшесі"),
    ("ул. Бейбитшилик", "Бейбітшілік көшесі"),
    ("ул. Жибек жолы", "Жібек жолы көшесі"),
    ("ул. Сатпаева", "Сәтбаев көшесі"),
    ("ул. Момышулы", "Момышұлы көшесі"),
    ("ул. Алтынсарина", "Алтынсарин көшесі"),
    ("ул. Курмангазы", "Құрманғазы көшесі"),
    ("ул. Байтурсынова", "Байтұрсынов көшесі"),
    ("ул. Абылай хана", "Абылай хан көшесі"),
    ("ул. Наурызбай батыра", "Наурызбай батыр көшесі"),
    ("ул. Жастар", "Жастар көшесі"),
    ("ул. Степная", "Дала көшесі"),
    ("ул. Шевченко", "Шевченко көшесі"),
    ("пр. Республики", "Республика даңғылы"),
    ("пр. Независимости", "Тәуелсіздік даңғылы"),
    ("мкр. Самал", "Самал шағын ауданы"),
    ("мкр. Аксай", "Ақсай шағын ауданы"),
    ("мкр. Шугыла", "Шұғыла шағын ауданы"),
    ("мкр. Нурсат", "Нұрсат шағын ауданы"),
    ("мкр. Мерей", "Мерей шағын ауданы"),
)

# (kk, ru, en) names of the first districts. Further districts are numbered.
DISTRICT_NAMES = (
    ("Бәйтерек ауданы", "Байтерекский район", "Baiterek District"),
    ("Есіл ауданы", "Есильский район", "Yesil District"),
    ("Алатау ауданы", "Алатауский район", "Alatau District"),
    ("Сарыарқа ауданы", "Сарыаркинский район", "Saryarka District"),
    ("Достық ауданы", "Достыкский район", "Dostyk District"),
    ("Жетісу ауданы", "Жетысуский район", "Zhetysu District"),
    ("Тұран ауданы", "Туранский район", "Turan District"),
    ("Ақжол ауданы", "Акжолский район", "Akzhol District"),
    ("Қаратау ауданы", "Каратауский район", "Karatau District"),
    ("Ұлытау ауданы", "Улытауский район", "Ulytau District"),
    ("Бірлік ауданы", "Бирликский район", "Birlik District"),
    ("Көктем ауданы", "Коктемский район", "Koktem District"),
)


def make_city_names(city_id):
    if city_id == DEFAULT_ID:
        return {"kk": "Демо-қала", "ru": "Демо-город", "en": "Demo City"}
    return {"kk": f"Демо-қала {city_id}", "ru": f"Демо-город {city_id}", "en": f"Demo City {city_id}"}


def make_district_names(number):
    if number <= len(DISTRICT_NAMES):
        return DISTRICT_NAMES[number - 1]
    return (f"№{number} аудан", f"Район №{number}", f"District {number}")


def choose_school_type(rng, peripheral):
    weights = []
    for school_type, weight, *_ in SCHOOL_TYPES:
        if school_type == "small_rural":
            weight = weight * PERIPHERAL_SMALL_RURAL_FACTOR if peripheral else 0.0
        weights.append((school_type, weight))
    return random_weighted(rng, weights)


def choose_languages(rng, school_type):
    languages = set(random_weighted(rng, BASE_LANGUAGES).split(","))
    if school_type in ENGLISH_TYPES and rng.random() < ENGLISH_SHARE_IN_ENGLISH_TYPES:
        languages.add("en")
    elif school_type not in STATE_ONLY_TYPES and rng.random() < ADDITIONAL_LANGUAGE_SHARE:
        languages.add(random_weighted(rng, ADDITIONAL_LANGUAGES))
    return languages


def format_languages(languages):
    return ",".join(code for code in LANGUAGE_ORDER if code in languages)


def make_school_numbers(rng, count):
    """Return `count` distinct school numbers drawn from 1..max(count + 10, 1.4 * count)."""
    numbers = list(range(1, max(count + 10, round(count * 1.4)) + 1))
    shuffle_list(rng, numbers)
    return numbers[:count]


def make_addresses(rng, count):
    """Return `count` distinct (address_ru, address_kk) pairs."""
    max_house = max(150, math.ceil(3 * count / len(STREETS)))
    used = set()
    addresses = []
    while len(addresses) < count:
        street = random_below(rng, len(STREETS))
        house = 1 + random_below(rng, max_house)
        if (street, house) in used:
            continue
        used.add((street, house))
        street_ru, street_kk = STREETS[street]
        addresses.append((f"{street_ru}, {house}", f"{street_kk}, {house}"))
    return addresses


def describe_schools(rng, city_id, placements, boundary):
    """Build the properties of every school: names, type, languages, address."""
    count = len(placements)
    id_width = len(str(count))
    numbers = make_school_numbers(rng, count)
    addresses = make_addresses(rng, count)
    periphery_depth_m = PERIPHERY_DEPTH_FRACTION * math.sqrt(boundary.area_m2())
    schools = []
    for index, (point, district) in enumerate(placements):
        peripheral = boundary.clearance_m(point) < periphery_depth_m
        school_type = choose_school_type(rng, peripheral)
        languages = choose_languages(rng, school_type)
        ownership = "state"
        if school_type not in STATE_ONLY_TYPES and rng.random() < PRIVATE_SHARE:
            ownership = "private"
        schools.append(
            {
                "point": point,
                "district_index": district,
                "languages": languages,
                "id": f"{city_id}-{index + 1:0{id_width}d}",
                "number": numbers[index],
                "type": school_type,
                "ownership": ownership,
                "address_ru": addresses[index][0],
                "address_kk": addresses[index][1],
            }
        )

    # Both language layers need at least one school.
    for layer, school in zip(LANGUAGE_LAYERS, (schools[0], schools[-1])):
        if not any(layer in other["languages"] for other in schools):
            school["languages"].add(layer)
    return schools


def make_school_properties(school):
    name_kk, name_ru, name_en = SCHOOL_TYPE_NAMES[school["type"]]
    number = school["number"]
    return {
        "id": school["id"],
        "number": number,
        "name_kk": name_kk.format(n=number),
        "name_ru": name_ru.format(n=number),
        "name_en": name_en.format(n=number),
        "languages": format_languages(school["languages"]),
        "type": school["type"],
        "ownership": school["ownership"],
        "district": f"d{school['district_index'] + 1}",
        "address_ru": school["address_ru"],
        "address_kk": school["address_kk"],
        **school.get("passport", {}),
        "demo": True,
    }


# ---------------------------------------------------------------------------
# School passports
# ---------------------------------------------------------------------------

# Passport values come from their own random stream, so the names, points and
# cells above are the same as without them.

# Grade 0 is the pre-school class ("предшкольный класс"). Grade texts are
# ranges such as "0-11", and each school teaches one range.
MAX_GRADE = 11
GRADES_BY_TYPE = {
    "general": (("0-11", 0.86), ("1-11", 0.04), ("0-9", 0.04), ("0-4", 0.06)),
    "gymnasium": (("0-11", 0.85), ("5-11", 0.15)),
    "lyceum": (("0-11", 0.3), ("5-11", 0.45), ("10-11", 0.25)),
    "school_gymnasium": (("0-11", 1.0),),
    "specialised": (("0-11", 0.5), ("1-11", 0.2), ("5-11", 0.3)),
    "small_rural": (("1-4", 0.6), ("0-9", 0.25), ("0-11", 0.15)),
    "correctional": (("0-11", 0.5), ("1-9", 0.5)),
    "evening": (("10-11", 0.7), ("5-11", 0.3)),
}
GRADES_PATTERN = re.compile(r"([0-9]{1,2})-([0-9]{1,2})|[0-9]{1,2}(?:,[0-9]{1,2})*")

# (min, max) design capacity in pupils of a state school that teaches 0-11.
# Schools with fewer grades get a proportional part, but at least
# MIN_CAPACITY_FRACTION, and private schools PRIVATE_CAPACITY_FACTOR of it.
# Small rural and evening schools keep their range whatever their grades.
CAPACITY_RANGES = {
    "general": (700, 2500),
    "gymnasium": (900, 2200),
    "lyceum": (400, 1200),
    "school_gymnasium": (900, 2400),
    "specialised": (300, 1000),
    "small_rural": (40, 200),
    "correctional": (120, 350),
    "evening": (100, 400),
}
UNSCALED_CAPACITY_TYPES = frozenset({"small_rural", "evening"})
MIN_CAPACITY_FRACTION = 0.35
PRIVATE_CAPACITY_FACTOR = 0.35
SELECTIVE_TYPES = frozenset({"gymnasium", "lyceum", "school_gymnasium", "specialised"})
# Share of state general schools, gymnasiums and school-gymnasiums that enroll
# more pupils than their capacity, up to MAX_ENROLLMENT_RATIO of it. The rest
# of them enroll from MIN_ENROLLMENT_RATIO up to their capacity.
OVERCROWDED_SHARE = 0.4
MIN_ENROLLMENT_RATIO = 0.6
MAX_ENROLLMENT_RATIO = 1.2
FREE_PLACES_SHARE = 0.7

# Founding years of state schools by era. Private schools opened from 1992 on.
FOUNDING_ERAS = (((1936, 1959), 0.15), ((1960, 1990), 0.55), ((1991, 2010), 0.12), ((2011, 2023), 0.18))
PRIVATE_FOUNDING_YEARS = (1992, 2023)
MIN_FOUNDED = 1936
MAX_FOUNDED = 2023
# Schools built from this year on are counted as new buildings, with full
# accessibility more often.
NEW_BUILDING_YEAR = 2011

PROFILES_BY_TYPE = {
    "general": ((None, 0.93), ("IT", 0.03), ("естественно-научный", 0.02), ("гуманитарный", 0.02)),
    "gymnasium": (
        ("гуманитарный", 0.35), ("лингвистический", 0.25), ("естественно-научный", 0.2), ("физико-математический", 0.2),
    ),
    "lyceum": (
        ("физико-математический", 0.4), ("естественно-научный", 0.25), ("IT", 0.2), ("химико-биологический", 0.15),
    ),
    "school_gymnasium": ((None, 0.3), ("гуманитарный", 0.3), ("лингвистический", 0.2), ("естественно-научный", 0.2)),
    "specialised": (
        ("физико-математический", 0.3), ("IT", 0.3), ("естественно-научный", 0.2),
        ("художественно-эстетический", 0.1), ("спортивный", 0.1),
    ),
}
# (programme, probability at a general school, probability at a selective school).
# Small rural, correctional and evening schools use LOW_PROGRAMME_FACTOR times the
# general probability, except that correctional schools always run inclusive education.
PROGRAMMES = (
    ("Трёхъязычное обучение", 0.25, 0.6),
    ("Робототехника", 0.2, 0.5),
    ("STEM-лаборатория", 0.08, 0.3),
    ("Шахматы", 0.15, 0.2),
    ("Олимпиадная подготовка", 0.05, 0.4),
    ("Программа IB", 0.0, 0.08),
    ("Кружок домбры", 0.12, 0.12),
    ("Инклюзивное образование", 0.15, 0.1),
)
LOW_PROGRAMME_FACTOR = 0.3
PROGRAMME_SEPARATOR = "; "
FULL_ACCESSIBILITY = "Пандус, лифт, тактильная плитка"
ACCESSIBILITY_NEW = ((FULL_ACCESSIBILITY, 0.7), ("Пандус, лифт", 0.3))
ACCESSIBILITY_OLD = (
    (None, 0.35), ("Пандус", 0.35), ("Пандус, поручни", 0.15),
    ("Пандус, подъёмник, тактильная плитка", 0.1), (FULL_ACCESSIBILITY, 0.05),
)
ACCESSIBILITY_SMALL_RURAL = ((None, 0.6), ("Пандус", 0.4))

# Contacts are invented. The domain is under .example, which RFC 2606 reserves, so no
# e-mail or website of the demo city can reach anybody.
# NOTE: the phone numbers are random and may by chance belong to a real line.
DEMO_DOMAIN = "demo-city.example"
LANDLINE_SHARE = 0.6
LANDLINE_PREFIX = "+7 727 2"
MOBILE_OPERATOR_CODES = ("700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778")

# Names are random combinations of common given names, patronymics and surnames,
# so a match with a real person is only by chance.
KAZAKH_FEMALE_NAMES = (
    "Әлия", "Айгүл", "Гүлнар", "Жанар", "Динара", "Салтанат", "Айжан", "Мәдина", "Ақмарал", "Гүлмира",
    "Сәуле", "Жұлдыз", "Дана", "Айгерім", "Ләззат", "Назгүл", "Бибігүл", "Раушан", "Әсел", "Перизат",
    "Балжан", "Гүлжан", "Шынар", "Мөлдір", "Ақбота", "Жансая", "Индира", "Меруерт", "Нұргүл", "Толқын",
    "Алма", "Сандуғаш", "Гауһар", "Жазира", "Ботагөз", "Күләш", "Зәуре", "Ардақ", "Самал", "Аружан",
)
KAZAKH_MALE_NAMES = (
    "Серік", "Ерлан", "Асхат", "Нұрлан", "Бауыржан", "Дәурен", "Қайрат", "Ержан", "Марат", "Болат",
    "Талғат", "Ғалым", "Мұрат", "Жандос", "Арман", "Ерболат", "Азамат", "Берік", "Нұржан", "Әділет",
    "Данияр", "Ерік", "Мейрам", "Асқар", "Бақыт", "Қанат", "Сәкен", "Самат", "Төлеген", "Жомарт",
)
# Masculine forms. The feminine form adds "а".
KAZAKH_SURNAMES = (
    "Ахметов", "Әбдірахманов", "Бекмұхамбетов", "Жақсылықов", "Жұмабаев", "Есенов", "Ибраев", "Исмаилов",
    "Қалиев", "Қасымов", "Құдайбергенов", "Мұхаметжанов", "Нұрпейісов", "Оспанов", "Сарсенбаев", "Сейітов",
    "Смағұлов", "Тоқтаров", "Төлеуов", "Өтепов", "Шәкенов", "Әлиев", "Байжанов", "Дүйсенов", "Ермеков",
    "Жақыпов", "Кенжебаев", "Мұқанов", "Рахымов", "Сұлтанов", "Тұрсынов", "Бейсенов", "Әмірханов",
    "Қожахметов", "Мырзахметов", "Ниязов", "Тәшенов", "Серікбаев", "Айтжанов", "Омаров",
)
RUSSIAN_FEMALE_NAMES = (
    "Ирина", "Елена", "Татьяна", "Наталья", "Ольга", "Светлана", "Марина", "Людмила", "Галина", "Оксана",
    "Анна", "Юлия", "Екатерина", "Валентина", "Надежда", "Вера", "Любовь", "Нина", "Лариса", "Алла",
    "Виктория", "Евгения", "Инна", "Жанна", "Кристина", "Мария", "Дарья",
)
# (given name, patronymic of a son, patronymic of a daughter).
RUSSIAN_MALE_NAMES = (
    ("Александр", "Александрович", "Александровна"),
    ("Сергей", "Сергеевич", "Сергеевна"),
    ("Андрей", "Андреевич", "Андреевна"),
    ("Владимир", "Владимирович", "Владимировна"),
    ("Николай", "Николаевич", "Николаевна"),
    ("Виктор", "Викторович", "Викторовна"),
    ("Юрий", "Юрьевич", "Юрьевна"),
    ("Игорь", "Игоревич", "Игоревна"),
    ("Олег", "Олегович", "Олеговна"),
    ("Дмитрий", "Дмитриевич", "Дмитриевна"),
    ("Евгений", "Евгеньевич", "Евгеньевна"),
    ("Михаил", "Михайлович", "Михайловна"),
    ("Алексей", "Алексеевич", "Алексеевна"),
    ("Павел", "Павлович", "Павловна"),
    ("Геннадий", "Геннадьевич", "Геннадьевна"),
    ("Пётр", "Петрович", "Петровна"),
    ("Иван", "Иванович", "Ивановна"),
    ("Василий", "Васильевич", "Васильевна"),
    ("Анатолий", "Анатольевич", "Анатольевна"),
    ("Валерий", "Валерьевич", "Валерьевна"),
)
# Masculine forms. make_feminine_surname derives the feminine forms.
RUSSIAN_SURNAMES = (
    "Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков",
    "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов",
    "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв",
    "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кравченко", "Шевченко",
    "Бондаренко", "Ковальский", "Белоусов", "Тихонов", "Гончаренко",
)
# Probability of a Kazakh name by the language of instruction. Other names are Russian.
KAZAKH_NAME_SHARE = {"kk": 0.97, "ru": 0.5}
DEFAULT_KAZAKH_NAME_SHARE = 0.9
DIRECTOR_FEMALE_SHARE = 0.7


def choose_from(rng, items):
    return items[random_below(rng, len(items))]


def make_feminine_surname(surname):
    if surname.endswith("ский"):
        return surname[: -len("ий")] + "ая"
    if surname.endswith("ко"):
        return surname
    return surname + "а"


def make_person_name(rng, kazakh, female):
    """Return a Kazakh or Russian full name of given name, patronymic and surname, as in "Ирина Петровна Иванова"."""
    if kazakh:
        given_name = choose_from(rng, KAZAKH_FEMALE_NAMES if female else KAZAKH_MALE_NAMES)
        patronymic = choose_from(rng, KAZAKH_MALE_NAMES) + ("қызы" if female else "ұлы")
        surname = choose_from(rng, KAZAKH_SURNAMES)
    else:
        given_name = choose_from(rng, RUSSIAN_FEMALE_NAMES) if female else choose_from(rng, RUSSIAN_MALE_NAMES)[0]
        _, son_form, daughter_form = choose_from(rng, RUSSIAN_MALE_NAMES)
        patronymic = daughter_form if female else son_form
        surname = choose_from(rng, RUSSIAN_SURNAMES)
    if female:
        surname = make_feminine_surname(surname)
    return f"{given_name} {patronymic} {surname}"


def is_kazakh_name(rng, language):
    return rng.random() < KAZAKH_NAME_SHARE.get(language, DEFAULT_KAZAKH_NAME_SHARE)


def parse_grades(text):
    """Return the sorted grades of "0-11" (a range) or "1,2" (a list), or None for another text."""
    match = GRADES_PATTERN.fullmatch(text)
    if match is None:
        return None
    if match.group(1) is not None:
        first, last = int(match.group(1)), int(match.group(2))
        return list(range(first, last + 1)) if first <= last else None
    grades = [int(grade) for grade in text.split(",")]
    return grades if grades == sorted(set(grades)) else None


def draw_digits(rng, count):
    return "".join(str(random_below(rng, 10)) for _ in range(count))


def make_phone(rng):
    """Return a landline such as "+7 727 2XX XX XX" or a mobile number such as "+7 7XX XXX XX XX"."""
    if rng.random() < LANDLINE_SHARE:
        return f"{LANDLINE_PREFIX}{draw_digits(rng, 2)} {draw_digits(rng, 2)} {draw_digits(rng, 2)}"
    operator = choose_from(rng, MOBILE_OPERATOR_CODES)
    return f"+7 {operator} {draw_digits(rng, 3)} {draw_digits(rng, 2)} {draw_digits(rng, 2)}"


def draw_capacity(rng, school_type, ownership, grade_count):
    low, high = CAPACITY_RANGES[school_type]
    # The larger of two draws puts more schools near the top of the range.
    capacity = low + (high - low) * max(rng.random(), rng.random())
    if school_type not in UNSCALED_CAPACITY_TYPES:
        capacity *= max(MIN_CAPACITY_FRACTION, grade_count / (MAX_GRADE + 1))
    if ownership == "private":
        capacity *= PRIVATE_CAPACITY_FACTOR
    step = 10 if capacity >= 300 else 5
    return max(step, step * round(capacity / step))


def draw_enrollment_ratio(rng, school):
    if school["ownership"] == "state" and school["type"] in ("general", "gymnasium", "school_gymnasium"):
        if rng.random() < OVERCROWDED_SHARE:
            return random_uniform(rng, 1.0, MAX_ENROLLMENT_RATIO)
        return random_uniform(rng, MIN_ENROLLMENT_RATIO, 1.0)
    if school["type"] in ("lyceum", "specialised"):
        # Selective schools fill most of their places, and some admit a few more pupils.
        return random_uniform(rng, 0.85, 1.05)
    return random_uniform(rng, MIN_ENROLLMENT_RATIO, 0.98)


def draw_free_places(rng, grades, capacity, enrollment):
    """Return {grade: free places} for every taught grade, keys as text in grade order.

    The spare capacity is spread unevenly over the grades. Grade 10 gets a few
    more places, because many pupils leave after grade 9 for colleges. A
    school at or above capacity has free places only here and there.
    """
    spare_per_grade = max(0, capacity - enrollment) / len(grades)
    free_places = {}
    for grade in grades:
        if spare_per_grade > 0:
            places = round(spare_per_grade * 2 * rng.random())
        else:
            places = 1 + random_below(rng, 3) if rng.random() < 0.1 else 0
        if grade == 10 and 9 in grades:
            places += random_below(rng, 16)
        free_places[str(grade)] = places
    return free_places


def draw_programmes(rng, school_type):
    programmes = []
    for programme, general_probability, selective_probability in PROGRAMMES:
        if school_type == "correctional" and programme == "Инклюзивное образование":
            probability = 1.0
        elif school_type in SELECTIVE_TYPES:
            probability = selective_probability
        elif school_type in STATE_ONLY_TYPES:
            probability = general_probability * LOW_PROGRAMME_FACTOR
        else:
            probability = general_probability
        if rng.random() < probability:
            programmes.append(programme)
    return PROGRAMME_SEPARATOR.join(programmes)


def draw_founded(rng, ownership):
    if ownership == "private":
        first, last = PRIVATE_FOUNDING_YEARS
    else:
        first, last = random_weighted(rng, FOUNDING_ERAS)
    return first + random_below(rng, last - first + 1)


def draw_accessibility(rng, school_type, founded):
    if school_type == "correctional" or founded >= NEW_BUILDING_YEAR:
        return random_weighted(rng, ACCESSIBILITY_NEW)
    if school_type == "small_rural":
        return random_weighted(rng, ACCESSIBILITY_SMALL_RURAL)
    return random_weighted(rng, ACCESSIBILITY_OLD)


def make_passport(rng, school):
    """Draw the passport properties of one school (grades, places, contacts, history, profile)."""
    school_type = school["type"]
    grades_text = random_weighted(rng, GRADES_BY_TYPE[school_type])
    grades = parse_grades(grades_text)
    capacity = draw_capacity(rng, school_type, school["ownership"], len(grades))
    enrollment = max(1, round(capacity * draw_enrollment_ratio(rng, school)))
    if school_type in ("small_rural", "evening") or school["ownership"] == "private":
        shifts = 1
    elif enrollment > capacity:
        shifts = 2 if rng.random() < 0.85 else 1
    else:
        shifts = 2 if enrollment > 0.9 * capacity and rng.random() < 0.3 else 1

    free_places = None
    if rng.random() < FREE_PLACES_SHARE:
        free_places = draw_free_places(rng, grades, capacity, enrollment)

    main_language = format_languages(school["languages"]).split(",")[0]
    female = rng.random() < DIRECTOR_FEMALE_SHARE
    director = make_person_name(rng, is_kazakh_name(rng, main_language), female)
    phone = make_phone(rng)
    founded = draw_founded(rng, school["ownership"])
    profile = random_weighted(rng, PROFILES_BY_TYPE.get(school_type, ((None, 1.0),)))
    programmes = draw_programmes(rng, school_type)
    accessibility = draw_accessibility(rng, school_type, founded)

    number = school["number"]
    passport = {
        "grades": grades_text,
        "shifts": shifts,
        "capacity": capacity,
        "enrollment": enrollment,
        "director": director,
        "phone": phone,
        "email": f"school{number}@{DEMO_DOMAIN}",
        "website": f"https://school{number}.{DEMO_DOMAIN}",
        "founded": founded,
        "profile": profile,
        "programmes": programmes,
        "accessibility": accessibility,
    }
    if free_places is not None:
        passport["free_places"] = free_places
    return passport


def add_passports(rng, schools):
    """Store a passport under "passport" in every school."""
    for school in schools:
        school["passport"] = make_passport(rng, school)


def summarise_passports(schools):
    passports = [school["passport"] for school in schools]
    overcrowded = sum(1 for passport in passports if passport["enrollment"] > passport["capacity"])
    with_free_places = sum(1 for passport in passports if "free_places" in passport)
    grades = Counter(passport["grades"] for passport in passports)
    grades_text = ", ".join(f"{text} {count}" for text, count in grades.most_common())
    return [
        f"Passports: grades {grades_text}; {overcrowded} schools above capacity, "
        f"{with_free_places} with free places by grade"
    ]


# ---------------------------------------------------------------------------
# Street names
# ---------------------------------------------------------------------------

STREETS_FILE = "streets.csv"
ADDRESSES_FILE = "addresses.csv"
ADDRESS_OUTPUT_FILES = (STREETS_FILE, ADDRESSES_FILE)
STREET_COLUMNS = ("name_ru", "name_kk", "type", "district", "aliases")
ADDRESS_COLUMNS = ("street", "house", "lat", "lon")
ALIAS_SEPARATOR = ";"

# NOTE: the school addresses in schools.geojson ("ул. Абая, 25") come from the
# older STREETS table, so addresses.csv does not place them at the schools.

# About 210 streets and 37,000 address rows for 150 schools.
STREETS_PER_SCHOOL = 1.4
# Without --addresses-target, the rows are scaled down to this total, so that
# a run with --schools 7000 (an estimated 1.7 million rows unscaled) stays short.
DEFAULT_MAX_ADDRESSES = 500_000
MAX_ADDRESSES_TARGET = 10_000_000
# --addresses-target adds streets while the mean would exceed this many rows per street.
MAX_MEAN_ADDRESSES_PER_STREET = 400


class StreetType(NamedTuple):
    """A street type: its words in both languages, its share and the size of its streets."""

    name_ru: str  # written before the name: "улица Абая"
    name_kk: str  # written after the name: "Абай көшесі"
    gender: str  # grammatical gender of name_ru ("f", "m" or "n"), which adjective names agree with
    weight: float
    address_range: tuple  # (min, max) address rows of one street before scaling
    spacing_range_m: tuple  # (min, max) distance between neighbouring house numbers on one side
    max_bends: int
    max_turn_radians: float
    layout: str  # "line": both sides of a polyline; "area": a grid of blocks; "square": around a square
    name_tags: frozenset  # a name base fits this type if it has one of these tags


STREET_TYPES = (
    StreetType("улица", "көшесі", "f", 0.56, (100, 300), (18, 32), 3, 0.35, "line",
               frozenset({"person", "word", "adjective"})),
    StreetType("проспект", "даңғылы", "m", 0.06, (200, 400), (25, 45), 2, 0.2, "line", frozenset({"major"})),
    StreetType("микрорайон", "шағын ауданы", "m", 0.10, (80, 250), (35, 55), 0, 0.0, "area",
               frozenset({"microdistrict"})),
    StreetType("переулок", "тұйық көшесі", "m", 0.10, (30, 120), (12, 20), 1, 0.3, "line",
               frozenset({"person", "word", "adjective"})),
    StreetType("бульвар", "бульвары", "m", 0.04, (60, 160), (20, 35), 1, 0.15, "line",
               frozenset({"person", "word", "adjective"})),
    StreetType("шоссе", "тас жолы", "n", 0.03, (60, 180), (40, 70), 2, 0.2, "line",
               frozenset({"highway", "adjective"})),
    StreetType("проезд", "өткелі", "m", 0.05, (30, 100), (12, 22), 1, 0.4, "line",
               frozenset({"person", "word", "adjective"})),
    StreetType("тупик", "тұйығы", "m", 0.03, (10, 40), (10, 16), 0, 0.0, "line",
               frozenset({"person", "adjective"})),
    StreetType("площадь", "алаңы", "f", 0.03, (5, 20), (25, 40), 0, 0.0, "square", frozenset({"major", "square"})),
)
STREET_TYPES_BY_NAME = {street_type.name_ru: street_type for street_type in STREET_TYPES}
GENDER_FORM_INDEX = {"f": 0, "m": 1, "n": 2}


class NameBase(NamedTuple):
    """The part of a street name without the type word.

    `ru` is a string that every type shares (a genitive such as "Абая", or an
    indeclinable word), or the (feminine, masculine, neuter) forms of an
    adjective. `kk` is the Kazakh nominative. Streets of different types may
    share one `key`, as "проспект Достык" and "улица Достык" do.
    """

    key: str
    ru: object
    kk: str
    tags: frozenset


# People: (Russian genitive, Kazakh nominative, whether a prospekt or square may bear the name).
PERSON_NAMES = (
    ("Абая", "Абай", True),
    ("Сатпаева", "Сәтбаев", True),
    ("Кабанбай батыра", "Қабанбай батыр", True),
    ("Иманова", "Иманов", False),
    ("Байтурсынова", "Байтұрсынұлы", False),
    ("Жандосова", "Жандосов", False),
    ("Тулебаева", "Төлебаев", False),
    ("Ауэзова", "Әуезов", True),
    ("Валиханова", "Уәлиханов", False),
    ("Сейфуллина", "Сейфуллин", True),
    ("Жамбыла", "Жамбыл", True),
    ("Кенесары", "Кенесары", False),
    ("Богенбай батыра", "Бөгенбай батыр", False),
    ("Наурызбай батыра", "Наурызбай батыр", False),
    ("Абылай хана", "Абылай хан", True),
    ("Толе би", "Төле би", True),
    ("Казыбек би", "Қазыбек би", False),
    ("Айтеке би", "Әйтеке би", False),
    ("Махамбета", "Махамбет", False),
    ("Курмангазы", "Құрманғазы", False),
    ("Момышулы", "Момышұлы", True),
    ("Алтынсарина", "Алтынсарин", False),
    ("Букейханова", "Бөкейханов", False),
    ("Мусрепова", "Мүсірепов", False),
    ("Муканова", "Мұқанов", False),
    ("Майлина", "Майлин", False),
    ("Жансугурова", "Жансүгіров", False),
    ("Торайгырова", "Торайғыров", False),
    ("Жумабаева", "Жұмабаев", False),
    ("Кунаева", "Қонаев", True),
    ("Шарипова", "Шәріпов", False),
    ("Айманова", "Айманов", False),
    ("Бекхожина", "Бекхожин", False),
    ("Жубанова", "Жұбанов", False),
    ("Кастеева", "Қастеев", False),
    ("Нурмакова", "Нұрмақов", False),
    ("Маметовой", "Мәметова", False),
    ("Молдагуловой", "Молдағұлова", False),
    ("Габдуллина", "Ғабдуллин", False),
    ("Мустафы Шокая", "Мұстафа Шоқай", False),
    ("Есенберлина", "Есенберлин", False),
    ("Кошкарбаева", "Қошқарбаев", False),
    ("Карасай батыра", "Қарасай батыр", False),
    ("Райымбека", "Райымбек", True),
    ("Суюнбая", "Сүйінбай", False),
    ("Тауке хана", "Тәуке хан", False),
    ("Кажымукана", "Қажымұқан", False),
    ("Бухар жырау", "Бұқар жырау", False),
    ("Шакарима", "Шәкәрім", False),
    ("Акана серэ", "Ақан сері", False),
    ("Биржана сала", "Біржан сал", False),
    ("Естая", "Естай", False),
    ("Жаяу Мусы", "Жаяу Мұса", False),
    ("Сарыбаева", "Сарыбаев", False),
    ("Ыскакова", "Ысқақов", False),
    ("Гоголя", "Гоголь", False),
    ("Пушкина", "Пушкин", False),
    ("Шевченко", "Шевченко", False),
    ("Чехова", "Чехов", False),
    ("Гагарина", "Гагарин", False),
    ("Менделеева", "Менделеев", False),
    ("аль-Фараби", "Әл-Фараби", True),
    ("Дулатова", "Дулатов", False),
    ("Жангельдина", "Жангелдин", False),
    ("Амангельды", "Аманкелді", False),
    ("Исатая", "Исатай", False),
    ("Сырыма Датова", "Сырым Датұлы", False),
    ("Кашаубаева", "Қашаубаев", False),
    ("Тажибаева", "Тәжібаев", False),
    ("Жарокова", "Жароков", False),
    ("Мынбаева", "Мыңбаев", False),
    ("Ходжанова", "Қожанов", False),
    ("Розыбакиева", "Розыбакиев", False),
    ("Байзакова", "Байзақов", False),
    ("Муратбаева", "Мұратбаев", False),
    ("Масанчи", "Масанчи", False),
    ("Калдаякова", "Қалдаяқов", False),
    ("Бекмаханова", "Бекмаханов", False),
    ("Утеген батыра", "Өтеген батыр", False),
    ("Сауранбаева", "Сауранбаев", False),
    ("Кожамкулова", "Қожамқұлов", False),
    ("Бейсебаева", "Бейсебаев", False),
    ("Жолдасбекова", "Жолдасбеков", False),
    ("Бараева", "Бараев", False),
    ("Жумалиева", "Жұмалиев", False),
    ("Брусиловского", "Брусиловский", False),
    ("Ломоносова", "Ломоносов", False),
    ("Лермонтова", "Лермонтов", False),
    ("Достоевского", "Достоевский", False),
    ("Толстого", "Толстой", False),
    ("Тургенева", "Тургенев", False),
    ("Крылова", "Крылов", False),
    ("Есенина", "Есенин", False),
    ("Глинки", "Глинка", False),
    ("Чайковского", "Чайковский", False),
    ("Мусы Джалиля", "Мұса Жәлел", False),
    ("Низами", "Низами", False),
    ("Навои", "Науаи", False),
    ("Руставели", "Руставели", False),
    ("Панфилова", "Панфилов", False),
    ("Бокенбаева", "Бөкенбаев", False),
    ("Карменова", "Карменов", False),
    ("Джандарбекова", "Жандарбеков", False),
)

# Indeclinable words and place names: (Russian, Kazakh, tags). Tags: "word"
# fits most types, "major" also fits a проспект or площадь, "square" a
# площадь, and "highway" names are towns that a шоссе leads to.
WORD_NAMES = (
    ("Достык", "Достық", "word major"),
    ("Жибек Жолы", "Жібек жолы", "word"),
    ("Независимости", "Тәуелсіздік", "word major"),
    ("Республики", "Республика", "word major"),
    ("Желтоксан", "Желтоқсан", "word square"),
    ("Бейбитшилик", "Бейбітшілік", "word square"),
    ("Сарыарка", "Сарыарқа", "word major"),
    ("Жетысу", "Жетісу", "word"),
    ("Алатау", "Алатау", "word"),
    ("Акжол", "Ақжол", "word"),
    ("Кокжиек", "Көкжиек", "word"),
    ("Жастар", "Жастар", "word square"),
    ("Мангилик Ел", "Мәңгілік Ел", "word major"),
    ("Туран", "Тұран", "word major"),
    ("Шугыла", "Шұғыла", "word"),
    ("Керуен", "Керуен", "word"),
    ("Арай", "Арай", "word"),
    ("Нурлы Жол", "Нұрлы жол", "word"),
    ("Улы Дала", "Ұлы Дала", "word major"),
    ("Ынтымак", "Ынтымақ", "word"),
    ("Болашак", "Болашақ", "word"),
    ("Байтерек", "Бәйтерек", "word major"),
    ("Отырар", "Отырар", "word"),
    ("Туркестан", "Түркістан", "word"),
    ("Тараз", "Тараз", "word"),
    ("Ордабасы", "Ордабасы", "word square"),
    ("Акмешит", "Ақмешіт", "word"),
    ("Байконур", "Байқоңыр", "word"),
    ("Жайык", "Жайық", "word"),
    ("Ертис", "Ертіс", "word"),
    ("Есиль", "Есіл", "word"),
    ("Сырдарья", "Сырдария", "word"),
    ("Иле", "Іле", "word"),
    ("Балкаш", "Балқаш", "word"),
    ("Арал", "Арал", "word"),
    ("Тулпар", "Тұлпар", "word"),
    ("Шапагат", "Шапағат", "word"),
    ("Береке", "Береке", "word"),
    ("Акбота", "Ақбота", "word"),
    ("Хан Тенгри", "Хан Тәңірі", "word"),
    ("Жана Гасыр", "Жаңа ғасыр", "word"),
    ("Наурыз", "Наурыз", "word square"),
    ("Атамекен", "Атамекен", "word"),
    ("Мерей", "Мерей", "word"),
    ("Кызылорда", "Қызылорда", "highway"),
    ("Шымкент", "Шымкент", "highway"),
    ("Алаш", "Алаш", "highway"),
    ("Коргалжын", "Қорғалжын", "highway"),
    ("Караганды", "Қарағанды", "highway"),
    ("Кокшетау", "Көкшетау", "highway"),
    ("Жезказган", "Жезқазған", "highway"),
    ("Павлодар", "Павлодар", "highway"),
)

# Adjectives: ((feminine, masculine, neuter) Russian forms, Kazakh name).
ADJECTIVE_NAMES = (
    (("Берёзовая", "Берёзовый", "Берёзовое"), "Қайыңды"),
    (("Садовая", "Садовый", "Садовое"), "Бақша"),
    (("Луговая", "Луговой", "Луговое"), "Шалғынды"),
    (("Тополиная", "Тополиный", "Тополиное"), "Теректі"),
    (("Зелёная", "Зелёный", "Зелёное"), "Жасыл"),
    (("Солнечная", "Солнечный", "Солнечное"), "Күншуақ"),
    (("Цветочная", "Цветочный", "Цветочное"), "Гүлді"),
    (("Школьная", "Школьный", "Школьное"), "Мектеп"),
    (("Озёрная", "Озёрный", "Озёрное"), "Көлді"),
    (("Речная", "Речной", "Речное"), "Өзен"),
    (("Степная", "Степной", "Степное"), "Дала"),
    (("Вишнёвая", "Вишнёвый", "Вишнёвое"), "Шиелі"),
    (("Весенняя", "Весенний", "Весеннее"), "Көктем"),
    (("Светлая", "Светлый", "Светлое"), "Жарық"),
    (("Кленовая", "Кленовый", "Кленовое"), "Үйеңкі"),
    (("Звёздная", "Звёздный", "Звёздное"), "Жұлдыз"),
    (("Ключевая", "Ключевой", "Ключевое"), "Бұлақ"),
    (("Лесная", "Лесной", "Лесное"), "Орман"),
    (("Железнодорожная", "Железнодорожный", "Железнодорожное"), "Теміржол"),
    (("Тихая", "Тихий", "Тихое"), "Тыныш"),
    (("Яблоневая", "Яблоневый", "Яблоневое"), "Алмалы"),
    (("Ореховая", "Ореховый", "Ореховое"), "Жаңғақты"),
    (("Абрикосовая", "Абрикосовый", "Абрикосовое"), "Өрікті"),
    (("Полевая", "Полевой", "Полевое"), "Егістік"),
    (("Горная", "Горный", "Горное"), "Таулы"),
    (("Тенистая", "Тенистый", "Тенистое"), "Саялы"),
    (("Широкая", "Широкий", "Широкое"), "Кең"),
    (("Новая", "Новый", "Новое"), "Жаңа"),
    (("Дачная", "Дачный", "Дачное"), "Саяжай"),
    (("Торговая", "Торговый", "Торговое"), "Сауда"),
    (("Заводская", "Заводской", "Заводское"), "Зауыт"),
    (("Спортивная", "Спортивный", "Спортивное"), "Спорт"),
    (("Парковая", "Парковый", "Парковое"), "Саябақ"),
    (("Снежная", "Снежный", "Снежное"), "Қарлы"),
    (("Тюльпанная", "Тюльпанный", "Тюльпанное"), "Қызғалдақ"),
    (("Каменная", "Каменный", "Каменное"), "Тасты"),
    (("Песчаная", "Песчаный", "Песчаное"), "Құмды"),
    (("Рябиновая", "Рябиновый", "Рябиновое"), "Шетен"),
    (("Сосновая", "Сосновый", "Сосновое"), "Қарағай"),
    (("Еловая", "Еловый", "Еловое"), "Шырша"),
    (("Полынная", "Полынный", "Полынное"), "Жусанды"),
)

# Microdistricts: (Russian, Kazakh) base names, each also numbered from 1 to
# MAX_MICRODISTRICT_NUMBER ("Самал-2"), and bare numbers ("микрорайон 5").
MICRODISTRICT_NAMES = (
    ("Самал", "Самал"),
    ("Аксай", "Ақсай"),
    ("Орбита", "Орбита"),
    ("Мамыр", "Мамыр"),
    ("Таугуль", "Таугүл"),
    ("Коктем", "Көктем"),
    ("Алмагуль", "Алмагүл"),
    ("Нурсат", "Нұрсат"),
    ("Кулагер", "Құлагер"),
    ("Акбулак", "Ақбұлақ"),
    ("Сайран", "Сайран"),
    ("Думан", "Думан"),
)
MAX_MICRODISTRICT_NUMBER = 5
MAX_NUMBERED_MICRODISTRICT = 40

# Soviet-era names that streets bore before renaming, as (Russian) genitives
# or adjective forms. Each is used for at most one street.
FORMER_NAMES = (
    "Ленина", "Калинина", "Кирова", "Карла Маркса", "Фрунзе", "Дзержинского", "Куйбышева", "Чапаева",
    "Мичурина", "Ворошилова", "Энгельса", "Свердлова", "Крупской", "Жданова", "Орджоникидзе", "Горького",
    "Чкалова", "Щорса", "Урицкого", "Луначарского",
    ("Советская", "Советский", "Советское"),
    ("Комсомольская", "Комсомольский", "Комсомольское"),
    ("Пролетарская", "Пролетарский", "Пролетарское"),
    ("Октябрьская", "Октябрьский", "Октябрьское"),
    ("Первомайская", "Первомайский", "Первомайское"),
    ("Коммунистическая", "Коммунистический", "Коммунистическое"),
    ("Пионерская", "Пионерский", "Пионерское"),
    ("Колхозная", "Колхозный", "Колхозное"),
)
ALIAS_TYPES = frozenset({"улица", "проспект", "бульвар", "переулок", "площадь"})
ALIAS_SHARE = 0.07
MIN_ALIASED_STREETS = 3
TWO_ALIASES_SHARE = 0.25

# One name base serves at most this many streets, each of another type. A
# drawn name that an earlier street of another type already bears is kept
# with probability SHARED_NAME_SHARE and otherwise dropped from that type.
MAX_TYPES_PER_NAME = 2
SHARED_NAME_SHARE = 0.15
# Streets named with a letter and a number, as in Astana ("улица Е-10"), once
# the other names run out. The letters are Cyrillic.
CODE_NAME_LETTERS = "АБВДЕЖКЛНРСТ"

# Streets that every city with enough streets contains, as (type, name base key),
# so that the demo shows each naming case: the same name with two types, numbered
# microdistricts, ё, and Russian genitives that differ from the Kazakh nominative.
REQUIRED_STREETS = (
    ("проспект", "Достык"),
    ("улица", "Достык"),
    ("улица", "Абая"),
    ("улица", "Сатпаева"),
    ("проспект", "Кабанбай батыра"),
    ("переулок", "Иманова"),
    ("улица", "Байтурсынова"),
    ("улица", "Жандосова"),
    ("улица", "Тулебаева"),
    ("улица", "Жибек Жолы"),
    ("улица", "Берёзовая"),
    ("микрорайон", "микрорайон:Самал-2"),
    ("микрорайон", "микрорайон:Аксай-4"),
    ("микрорайон", "микрорайон:5"),
)
MIN_STREETS = len(REQUIRED_STREETS)


def list_name_bases():
    """Return every name base except the code names, with unique keys."""
    bases = []
    for ru, kk, major in PERSON_NAMES:
        bases.append(NameBase(ru, ru, kk, frozenset({"person", "major"} if major else {"person"})))
    for ru, kk, tags in WORD_NAMES:
        bases.append(NameBase(ru, ru, kk, frozenset(tags.split())))
    for forms, kk in ADJECTIVE_NAMES:
        bases.append(NameBase(forms[0], forms, kk, frozenset({"adjective"})))
    for ru, kk in MICRODISTRICT_NAMES:
        for number in range(MAX_MICRODISTRICT_NUMBER + 1):
            suffix = f"-{number}" if number else ""
            bases.append(NameBase(f"микрорайон:{ru}{suffix}", ru + suffix, kk + suffix, frozenset({"microdistrict"})))
    for number in range(1, MAX_NUMBERED_MICRODISTRICT + 1):
        bases.append(NameBase(f"микрорайон:{number}", str(number), str(number), frozenset({"microdistrict"})))
    keys = Counter(base.key for base in bases)
    repeated = [key for key, count in keys.items() if count > 1]
    if repeated:
        raise GenerationError(f"street name bases repeat the keys {repeated}")
    return bases


def make_code_name_base(rng, index):
    """Return a random code name such as Е-10 for the index-th code-named street.

    Numbers are drawn from a range that grows with `index`, so that repeats
    stay rare. Callers skip repeats.
    """
    letter = CODE_NAME_LETTERS[random_below(rng, len(CODE_NAME_LETTERS))]
    code = f"{letter}-{1 + random_below(rng, 99 + index)}"
    return NameBase(f"code:{code}", code, code, frozenset({"code"}))


def inflect(forms, gender):
    """Return the form of a name that agrees with a type word of `gender`."""
    return forms if isinstance(forms, str) else forms[GENDER_FORM_INDEX[gender]]


def format_street_names(street_type, base):
    """Return (name_ru, name_kk), with each type word where its language puts it."""
    return f"{street_type.name_ru} {inflect(base.ru, street_type.gender)}", f"{base.kk} {street_type.name_kk}"


@dataclass
class Street:
    """One row of streets.csv, and counts of its address rows once laid out."""

    name_ru: str
    name_kk: str
    street_type: StreetType
    base_key: str
    address_count: int
    aliases: tuple = ()
    district: str = ""
    row_count: int = 0
    multi_building_count: int = 0  # house numbers written on more than one row


def street_count_for(school_count, addresses_target):
    count = max(MIN_STREETS, round(STREETS_PER_SCHOOL * school_count))
    if addresses_target is not None:
        count = max(count, math.ceil(addresses_target / MAX_MEAN_ADDRESSES_PER_STREET))
        # Every street gets at least one address row.
        count = min(count, addresses_target)
    return count


class StreetNamer:
    """Draw unique street names: first from the name tables, then code names."""

    def __init__(self, rng):
        self.rng = rng
        self.bases = {base.key: base for base in list_name_bases()}
        self.candidates = {}
        for street_type in STREET_TYPES:
            fitting = [base for base in self.bases.values() if base.tags & street_type.name_tags]
            shuffle_list(rng, fitting)
            self.candidates[street_type.name_ru] = fitting
        self.uses = defaultdict(set)  # name base key -> types already named with it
        self.names_ru = set()
        self.names_kk = set()
        self.code_index = 0

    def try_add(self, street_type, base):
        """Return (name_ru, name_kk) and reserve them, or None if the street would repeat a name."""
        name_ru, name_kk = format_street_names(street_type, base)
        used_types = self.uses[base.key]
        if name_ru in self.names_ru or name_kk in self.names_kk:
            return None
        if street_type.name_ru in used_types or len(used_types) >= MAX_TYPES_PER_NAME:
            return None
        used_types.add(street_type.name_ru)
        self.names_ru.add(name_ru)
        self.names_kk.add(name_kk)
        return name_ru, name_kk

    def draw(self, street_type):
        """Return (street type, name base, names) for a new street, normally of `street_type`.

        When the names of `street_type` run out, the street becomes an улица
        with a code name.
        """
        pool = self.candidates[street_type.name_ru]
        while pool:
            base = pool.pop()
            if self.uses[base.key] and self.rng.random() >= SHARED_NAME_SHARE:
                continue
            names = self.try_add(street_type, base)
            if names is not None:
                return street_type, base, names
        street_type = STREET_TYPES_BY_NAME["улица"]
        while True:
            base = make_code_name_base(self.rng, self.code_index)
            self.code_index += 1
            names = self.try_add(street_type, base)
            if names is not None:
                return street_type, base, names


def draw_address_count(rng, street_type):
    low, high = street_type.address_range
    return low + random_below(rng, high - low + 1)


def scale_address_counts(counts, addresses_target):
    """Scale the rows per street to about `addresses_target` in total, at least 1 per street.

    Without a target, only totals above DEFAULT_MAX_ADDRESSES are scaled down.
    """
    total = sum(counts)
    if addresses_target is None:
        if total <= DEFAULT_MAX_ADDRESSES:
            return counts
        addresses_target = DEFAULT_MAX_ADDRESSES
    return [max(1, round(count * addresses_target / total)) for count in counts]


def assign_former_names(rng, streets):
    """Give some streets former names as aliases, such as "улица Калинина;улица Ленина"."""
    eligible = [
        street
        for street in streets
        if street.street_type.name_ru in ALIAS_TYPES and not street.base_key.startswith("code:")
    ]
    shuffle_list(rng, eligible)
    wanted = max(min(MIN_ALIASED_STREETS, len(eligible)), round(ALIAS_SHARE * len(eligible)))
    former_names = list(FORMER_NAMES)
    shuffle_list(rng, former_names)
    current_names = {street.name_ru for street in streets}
    for order, street in enumerate(eligible[:wanted]):
        alias_count = 2 if order == 0 or rng.random() < TWO_ALIASES_SHARE else 1
        aliases = []
        while former_names and len(aliases) < alias_count:
            alias = f"{street.street_type.name_ru} {inflect(former_names.pop(), street.street_type.gender)}"
            if alias not in current_names:
                aliases.append(alias)
        street.aliases = tuple(aliases)


def choose_streets(rng, school_count, addresses_target):
    """Choose the streets, their names, types, former names and address row counts, sorted by name_ru."""
    street_count = street_count_for(school_count, addresses_target)
    namer = StreetNamer(rng)
    chosen = []
    for type_name, key in REQUIRED_STREETS[:street_count]:
        street_type = STREET_TYPES_BY_NAME[type_name]
        base = namer.bases[key]
        names = namer.try_add(street_type, base)
        if names is None:
            raise GenerationError(f"required street {type_name} {key} repeats another street name")
        chosen.append((street_type, base, names))
    type_weights = [(street_type, street_type.weight) for street_type in STREET_TYPES]
    while len(chosen) < street_count:
        chosen.append(namer.draw(random_weighted(rng, type_weights)))

    raw_counts = [draw_address_count(rng, street_type) for street_type, _, _ in chosen]
    counts = scale_address_counts(raw_counts, addresses_target)
    streets = [
        Street(name_ru=name_ru, name_kk=name_kk, street_type=street_type, base_key=base.key, address_count=count)
        for (street_type, base, (name_ru, name_kk)), count in zip(chosen, counts)
    ]
    streets.sort(key=lambda street: street.name_ru)
    assign_former_names(rng, streets)
    return streets


# ---------------------------------------------------------------------------
# House numbers
# ---------------------------------------------------------------------------

HOUSE_LETTERS = "АБВГД"
# Shares of street numbers by the houses written for them. The rest are plain
# numbers ("12"), and SKIPPED_NUMBER_SHARE of the numbers are unused.
LETTER_GROUP_SHARE = 0.06  # "12", "12А", "12Б"
FRACTION_GROUP_SHARE = 0.04  # "45/2" alone, or "45", "45/1", "45/2"
BUILDING_PART_GROUP_SHARE = 0.05  # "12", "12к2", "12к3" or "15А", "15Ак2"
MULTI_BUILDING_SHARE = 0.012  # "7" on 2 or 3 rows with different points
SKIPPED_NUMBER_SHARE = 0.03
# Share of letter and building-part groups written in another form than the
# canonical "12А" and "12к2", as address lists by hand often are.
OTHER_FORM_SHARE = 0.15
OTHER_LETTER_FORMS = ("{number} литера {letter}", "{number}{lower}")
OTHER_BUILDING_PART_FORMS = ("{number} к {part}", "{number} корп. {part}", "{number} стр. {part}")
CANONICAL_BUILDING_PART_FORM = "{number}к{part}"


def make_letter_group(rng, number):
    letter_count = 1 + (rng.random() < 0.4) + (rng.random() < 0.15)
    form = "{number}{letter}"
    if rng.random() < OTHER_FORM_SHARE:
        form = OTHER_LETTER_FORMS[random_below(rng, len(OTHER_LETTER_FORMS))]
    houses = [str(number)]
    for letter in HOUSE_LETTERS[:letter_count]:
        houses.append(form.format(number=number, letter=letter, lower=letter.lower()))
    return houses


def make_fraction_group(rng, number):
    if rng.random() < 0.5:
        return [f"{number}/{1 + random_below(rng, 4)}"]
    return [str(number), f"{number}/1", f"{number}/2"]


def make_building_part_group(rng, number):
    base = str(number)
    if rng.random() < 0.25:
        base += HOUSE_LETTERS[random_below(rng, 2)]
    part_count = 2 + (rng.random() < 0.35)
    form = CANONICAL_BUILDING_PART_FORM
    if rng.random() < OTHER_FORM_SHARE:
        form = OTHER_BUILDING_PART_FORMS[random_below(rng, len(OTHER_BUILDING_PART_FORMS))]
    if rng.random() < 0.3:
        return [form.format(number=base, part=part) for part in range(1, part_count + 1)]
    return [base] + [form.format(number=base, part=part) for part in range(2, part_count + 1)]


def make_house_group(rng, number):
    """Return the house rows written for one street number, in order along the street.

    Repeated strings are separate buildings of one address. An empty list
    means the number is not used.
    """
    draw = rng.random()
    if draw < SKIPPED_NUMBER_SHARE:
        return []
    draw -= SKIPPED_NUMBER_SHARE
    if draw < LETTER_GROUP_SHARE:
        return make_letter_group(rng, number)
    draw -= LETTER_GROUP_SHARE
    if draw < FRACTION_GROUP_SHARE:
        return make_fraction_group(rng, number)
    draw -= FRACTION_GROUP_SHARE
    if draw < BUILDING_PART_GROUP_SHARE:
        return make_building_part_group(rng, number)
    draw -= BUILDING_PART_GROUP_SHARE
    if draw < MULTI_BUILDING_SHARE:
        return [str(number)] * (2 + (rng.random() < 0.3))
    return [str(number)]


def make_house_groups(rng, row_count, two_sided):
    """Return [(side, houses)] with exactly `row_count` houses in all, numbered from 1.

    On a two-sided street, odd numbers are on the left (side 1) and even
    numbers on the right (side -1). Otherwise every group has side -1.
    """
    groups = []
    total = 0
    number = 0
    while total < row_count:
        number += 1
        houses = make_house_group(rng, number)[: row_count - total]
        if not houses:
            continue
        side = 1 if two_sided and number % 2 == 1 else -1
        groups.append((side, houses))
        total += len(houses)
    return groups


# ---------------------------------------------------------------------------
# Street layout
# ---------------------------------------------------------------------------

# Street axes keep this distance from the boundary. Houses are at most
# MAX_HOUSE_DEPTH_M from the axis, so every house is at least 30 m inside.
STREET_BOUNDARY_CLEARANCE_M = 80.0
MAX_HOUSE_DEPTH_M = 50.0
HOUSE_DEPTH_RANGE_M = (6.0, 14.0)  # first building of a number, from the axis
NEXT_BUILDING_DEPTH_RANGE_M = (6.0, 12.0)  # each further building of the number, farther back
# A street is laid out again from another start while it reaches less than
# this fraction of its planned length.
MIN_LENGTH_FRACTION = 0.6
LAYOUT_ATTEMPTS = 30
START_POINT_ATTEMPTS = 300
# Streets that share a name with an earlier street are laid out again up to
# this many times to land in another district.
DISTRICT_ATTEMPTS = 20
# Added to the radius of a microdistrict's grid of blocks, for the further
# buildings placed beside the point of their block.
AREA_PADDING_M = 30.0
SQUARE_MIN_SIDE_M = 60.0


class StreetPlanner:
    """Lay out streets inside the boundary, in metres east and north of the origin.

    The city boundary is convex, so a polyline whose vertices keep a clearance
    from the boundary keeps it along every segment as well.
    """

    def __init__(self, rng, boundary, district_rings, district_seeds):
        self.rng = rng
        self.edges = []  # (nx, ny, c): the distance of (x, y) inside the edge is nx * x + ny * y - c
        for (vx, vy), (ux, uy) in zip(boundary.vertices, boundary.directions):
            ax, ay = self.to_metres((vx, vy))
            dx, dy = ux * METRES_PER_DEGREE_LON, uy * METRES_PER_DEGREE_LAT
            length = math.hypot(dx, dy)
            nx, ny = -dy / length, dx / length
            self.edges.append((nx, ny, nx * ax + ny * ay))
        min_x, min_y, max_x, max_y = boundary.bounding_box()
        self.box_m = self.to_metres((min_x, min_y)) + self.to_metres((max_x, max_y))
        self.district_rings = district_rings
        self.seeds_m = [self.to_metres(seed) for seed in district_seeds]
        # Streets follow a city grid turned by up to 17 degrees.
        self.grid_angle = random_uniform(rng, -0.3, 0.3)

    @staticmethod
    def to_metres(point):
        return (
            point[0] * METRES_PER_DEGREE_LON / E7_PER_DEGREE,
            point[1] * METRES_PER_DEGREE_LAT / E7_PER_DEGREE,
        )

    @staticmethod
    def to_e7(x_m, y_m):
        return round(x_m * E7_PER_DEGREE / METRES_PER_DEGREE_LON), round(y_m * E7_PER_DEGREE / METRES_PER_DEGREE_LAT)

    def clearance(self, x, y):
        return min(nx * x + ny * y - c for nx, ny, c in self.edges)

    def ray_limit(self, x, y, dx, dy, margin):
        """Return how far the ray from (x, y) along the unit vector (dx, dy) keeps `margin` from the boundary."""
        limit = math.inf
        for nx, ny, c in self.edges:
            rate = nx * dx + ny * dy
            if rate < 0:
                limit = min(limit, (nx * x + ny * y - c - margin) / -rate)
        return max(0.0, limit)

    def nearest_district(self, x, y):
        distances = [(x - sx) ** 2 + (y - sy) ** 2 for sx, sy in self.seeds_m]
        return min(range(len(distances)), key=distances.__getitem__)

    def random_start(self, min_clearance, avoid_districts):
        """Return a random point with `min_clearance` metres to the boundary, or None.

        The first half of the attempts also require the nearest district seed
        to be outside `avoid_districts`.
        """
        min_x, min_y, max_x, max_y = self.box_m
        for attempt in range(START_POINT_ATTEMPTS):
            x = random_uniform(self.rng, min_x, max_x)
            y = random_uniform(self.rng, min_y, max_y)
            if self.clearance(x, y) < min_clearance:
                continue
            in_avoided_district = avoid_districts and self.nearest_district(x, y) in avoid_districts
            if attempt < START_POINT_ATTEMPTS // 2 and in_avoided_district:
                continue
            return x, y
        return None

    def random_heading(self, jitter):
        return self.grid_angle + random_below(self.rng, 4) * math.pi / 2 + random_uniform(self.rng, -jitter, jitter)

    def walk(self, start, heading, length, street_type):
        """Return a polyline from `start` of at most `length` metres, bending at up to max_bends vertices."""
        pieces = 1 + random_below(self.rng, street_type.max_bends + 1)
        x, y = start
        vertices = [start]
        remaining = length
        for piece in range(pieces):
            dx, dy = math.cos(heading), math.sin(heading)
            wanted = remaining if piece == pieces - 1 else length / pieces
            step = min(wanted, self.ray_limit(x, y, dx, dy, STREET_BOUNDARY_CLEARANCE_M))
            if step < 1.0:
                break
            x, y = x + dx * step, y + dy * step
            vertices.append((x, y))
            remaining -= step
            heading += random_uniform(self.rng, -street_type.max_turn_radians, street_type.max_turn_radians)
        return vertices

    def trace_line(self, length, street_type, avoid_districts):
        """Return the vertices of a street axis about `length` metres long, or None if no start point fits."""
        best, best_length = None, -1.0
        for _ in range(LAYOUT_ATTEMPTS):
            start = self.random_start(STREET_BOUNDARY_CLEARANCE_M, avoid_districts)
            if start is None:
                break
            heading = self.random_heading(0.12)
            forward = self.walk(start, heading, length, street_type)
            forward_length = polyline_length(forward)
            vertices = forward
            if forward_length < length - 1.0:
                backward = self.walk(start, heading + math.pi, length - forward_length, street_type)
                vertices = backward[::-1] + forward[1:]
            achieved = polyline_length(vertices)
            if achieved > best_length:
                best, best_length = vertices, achieved
            if achieved >= MIN_LENGTH_FRACTION * length:
                break
        if best is None or best_length < 1.0:
            return None
        # Numbers start at the end nearer the city centre.
        if math.hypot(*best[0]) > math.hypot(*best[-1]):
            best = best[::-1]
        return best

    def place_along(self, vertices, groups, spacing):
        """Return (house, x, y) rows for groups spread along a polyline.

        The k-th group on a side is placed near (k + 0.5) * spacing along the
        axis, with further buildings of the group a little farther along and
        farther back. Side 1 is left of the direction of travel.
        """
        cumulative = [0.0]
        for first, second in zip(vertices, vertices[1:]):
            cumulative.append(cumulative[-1] + math.dist(first, second))
        total = cumulative[-1]
        placed_on_side = Counter()
        rows = []
        for side, houses in groups:
            index = placed_on_side[side]
            placed_on_side[side] += 1
            along = (index + 0.5 + random_uniform(self.rng, -0.15, 0.15)) * spacing
            depth = random_uniform(self.rng, *HOUSE_DEPTH_RANGE_M)
            along_step = min(0.2 * spacing, 8.0)
            for order, house in enumerate(houses):
                if order:
                    depth += random_uniform(self.rng, *NEXT_BUILDING_DEPTH_RANGE_M)
                position = min(max(along + order * along_step, 0.0), total)
                segment = max(0, min(bisect.bisect_right(cumulative, position) - 1, len(vertices) - 2))
                (ax, ay), (bx, by) = vertices[segment], vertices[segment + 1]
                length = cumulative[segment + 1] - cumulative[segment]
                ux, uy = (bx - ax) / length, (by - ay) / length
                offset = position - cumulative[segment]
                depth_here = min(depth, MAX_HOUSE_DEPTH_M) * side
                x = ax + ux * offset - uy * depth_here
                y = ay + uy * offset + ux * depth_here
                rows.append((house, *self.to_e7(x, y)))
        return rows

    def lay_out_line(self, street, groups, avoid_districts):
        per_side = max(Counter(side for side, _ in groups).values())
        spacing = random_uniform(self.rng, *street.street_type.spacing_range_m)
        vertices = self.trace_line(per_side * spacing, street.street_type, avoid_districts)
        if vertices is None:
            raise GenerationError(f"found no room for {street.name_ru}: the city is too small for its streets")
        return self.place_along(vertices, groups, polyline_length(vertices) / per_side)

    def find_centre(self, radius, avoid_districts):
        """Return a centre for a layout of `radius` metres, shrinking the layout until one fits.

        Returns (centre, scale), where scale <= 1 multiplies every distance of the layout.
        """
        scale = 1.0
        while scale > 1e-3:
            centre = self.random_start(radius * scale + STREET_BOUNDARY_CLEARANCE_M, avoid_districts)
            if centre is not None:
                return centre, scale
            scale *= 0.8
        raise GenerationError("found no room for a microdistrict or square: the city is too small for its streets")

    def lay_out_area(self, street, groups, avoid_districts):
        """Place the groups on a grid of blocks, numbered in rows that turn back at each end."""
        columns = math.ceil(math.sqrt(len(groups)))
        grid_rows = math.ceil(len(groups) / columns)
        cell = random_uniform(self.rng, *street.street_type.spacing_range_m)
        radius = cell * math.hypot(columns, grid_rows) / 2 + AREA_PADDING_M
        (centre_x, centre_y), scale = self.find_centre(radius, avoid_districts)
        cell *= scale
        angle = self.grid_angle + random_uniform(self.rng, -0.1, 0.1)
        cos_angle, sin_angle = math.cos(angle), math.sin(angle)
        rows = []
        for index, (_, houses) in enumerate(groups):
            grid_row, column = divmod(index, columns)
            if grid_row % 2 == 1:
                column = columns - 1 - column
            local_x = (column - (columns - 1) / 2) * cell
            local_y = ((grid_rows - 1) / 2 - grid_row) * cell
            for order, house in enumerate(houses):
                # Further buildings of the number are placed south-east of the first, inside its block.
                shift = order * min(0.25 * cell, 10.0 * scale)
                x = local_x + shift
                y = local_y - shift
                rows.append((house, *self.to_e7(centre_x + x * cos_angle - y * sin_angle,
                                                centre_y + x * sin_angle + y * cos_angle)))
        return rows

    def lay_out_square(self, street, groups, avoid_districts):
        """Place the groups clockwise around a square, on its outer side."""
        spacing = random_uniform(self.rng, *street.street_type.spacing_range_m)
        half_side = max(SQUARE_MIN_SIDE_M, len(groups) * spacing / 4) / 2
        (centre_x, centre_y), scale = self.find_centre(half_side * math.sqrt(2) + MAX_HOUSE_DEPTH_M, avoid_districts)
        half_side *= scale
        angle = self.grid_angle + random_uniform(self.rng, -0.1, 0.1)
        cos_angle, sin_angle = math.cos(angle), math.sin(angle)
        corners = [(-1, 1), (1, 1), (1, -1), (-1, -1), (-1, 1)]
        vertices = [
            (
                centre_x + half_side * (cx * cos_angle - cy * sin_angle),
                centre_y + half_side * (cx * sin_angle + cy * cos_angle),
            )
            for cx, cy in corners
        ]
        # Clockwise travel puts the outer side on the left (side 1).
        outward = [(1, houses) for _, houses in groups]
        return self.place_along(vertices, outward, polyline_length(vertices) / len(groups))

    def lay_out(self, street, groups, avoid_districts):
        layout = street.street_type.layout
        if layout == "area":
            return self.lay_out_area(street, groups, avoid_districts)
        if layout == "square":
            return self.lay_out_square(street, groups, avoid_districts)
        return self.lay_out_line(street, groups, avoid_districts)

    def count_by_district(self, rows):
        """Return how many rows lie strictly inside each district polygon."""
        counts = [0] * len(self.district_rings)
        last = 0
        for _, x, y in rows:
            point = (x, y)
            if locate_point(self.district_rings[last], point) == "inside":
                counts[last] += 1
                continue
            for index, ring in enumerate(self.district_rings):
                if index != last and locate_point(ring, point) == "inside":
                    counts[index] += 1
                    last = index
                    break
        return counts


def polyline_length(vertices):
    return sum(math.dist(first, second) for first, second in zip(vertices, vertices[1:]))


def lay_out_streets(seed, streets, boundary, district_rings, district_seeds):
    """Number the houses of every street, place them and set each street's district and counts.

    Yields (street, rows) in the order of `streets`, where each row is
    (house, x, y) with E7 coordinates relative to the origin.

    A street's district is the one that contains most of its addresses. A
    street that shares its name with earlier streets is laid out again, up to
    DISTRICT_ATTEMPTS times, until its district differs from theirs.

    NOTE: math.cos, math.sin and math.hypot come from the platform C library,
    so as with the boundary, another platform may place addresses slightly
    differently for the same seed.
    """
    house_rng = make_rng(seed, "houses")
    planner = StreetPlanner(make_rng(seed, "street-layout"), boundary, district_rings, district_seeds)
    districts_by_name = defaultdict(set)
    for street in streets:
        groups = make_house_groups(house_rng, street.address_count, street.street_type.layout == "line")
        avoid = districts_by_name[street.base_key]
        attempts = DISTRICT_ATTEMPTS if avoid and len(district_rings) > len(avoid) else 1
        for _ in range(attempts):
            rows = planner.lay_out(street, groups, avoid)
            counts = planner.count_by_district(rows)
            district = max(range(len(counts)), key=lambda index: (counts[index], -index))
            if district not in avoid:
                break
        street.district = f"d{district + 1}"
        street.row_count = len(rows)
        street.multi_building_count = sum(1 for count in Counter(house for house, _, _ in rows).values() if count > 1)
        avoid.add(district)
        yield street, rows


def open_csv_writer(path):
    """Open `path` for writing RFC 4180 CSV.

    The text is UTF-8 with CRLF line ends, and a field is quoted only when it
    contains a comma, a quote or a line break.
    """
    output = open(path, "w", encoding="utf-8", newline="")
    return output, csv.writer(output, lineterminator="\r\n")


def write_address_files(out_dir, streets, laid_out_streets):
    """Write addresses.csv row by row from (street, rows) pairs, then streets.csv.

    Streaming keeps memory flat for millions of rows. streets.csv comes last
    because each street's district is known only once it is laid out.
    """
    output, writer = open_csv_writer(os.path.join(out_dir, ADDRESSES_FILE))
    with output:
        writer.writerow(ADDRESS_COLUMNS)
        for street, rows in laid_out_streets:
            writer.writerows(
                (street.name_ru, house, format_e7(ORIGIN_LAT_E7 + y), format_e7(ORIGIN_LON_E7 + x))
                for house, x, y in rows
            )
    output, writer = open_csv_writer(os.path.join(out_dir, STREETS_FILE))
    with output:
        writer.writerow(STREET_COLUMNS)
        for street in streets:
            aliases = ALIAS_SEPARATOR.join(street.aliases)
            writer.writerow((street.name_ru, street.name_kk, street.street_type.name_ru, street.district, aliases))


def summarise_streets(streets):
    """Return summary lines: streets by type and address rows."""
    by_type = Counter(street.street_type.name_ru for street in streets)
    type_text = ", ".join(
        f"{street_type.name_ru} {by_type[street_type.name_ru]}"
        for street_type in STREET_TYPES
        if by_type[street_type.name_ru]
    )
    row_count = sum(street.row_count for street in streets)
    multi_building = sum(street.multi_building_count for street in streets)
    return [
        f"Streets: {len(streets)} ({type_text}), {sum(1 for street in streets if street.aliases)} with former names",
        f"Addresses: {row_count} rows, {multi_building} addresses with 2 or 3 buildings",
    ]


# ---------------------------------------------------------------------------
# Teachers of grades 1-4 and their indicators
# ---------------------------------------------------------------------------

TEACHERS_FILE = "teachers.csv"
TEACHER_INDICATORS_FILE = "teacher_indicators.csv"
TEACHER_OUTPUT_FILES = (TEACHERS_FILE, TEACHER_INDICATORS_FILE)
TEACHER_COLUMNS = ("id", "school", "name", "grades", "subjects", "languages", "category", "experience_years")
INDICATOR_COLUMNS = ("teacher", "school_year", "kind", "successes", "mean_score", "standard_deviation", "sample_size")
TEACHER_ID_PATTERN = re.compile(r"t[0-9]{4,}")

PRIMARY_GRADES = (1, 2, 3, 4)
# Grades 1-4 are weighted 1.2 times their share of the grades taught, so they
# hold 40 % of the pupils of a 0-11 school. The weight is an assumption of this
# demo, because younger cohorts are larger.
PRIMARY_PUPIL_WEIGHT = 1.2
# Pupils per teacher of grades 1-4 when counting teachers. Small rural and
# correctional schools have smaller classes.
CLASS_SIZE = 25
CLASS_SIZE_BY_TYPE = {"small_rural": 20, "correctional": 10}
# Below this many pupils in grades 1-4, a small rural school combines two
# grades in one class, and its teachers take the two halves of one pairing.
COMBINED_CLASS_PUPILS = 60
COMBINED_CLASS_PAIRINGS = (("1,3", "2,4"), ("1,2", "3,4"))
# At other schools, a few teachers teach only grades 1-2 or 3-4.
SPLIT_GRADES = (("1-4", 0.94), ("1,2", 0.04), ("3,4", 0.02))
SMALL_CLASS_SHARE = 0.05
MIN_CLASS_PUPILS = 5
SMALL_CLASS_MAX_PUPILS = 19
MIN_USUAL_CLASS_PUPILS = 15
MAX_CLASS_PUPILS = 32

PRIMARY_SUBJECT = "Начальные классы"
ENGLISH_SUBJECT = "Английский язык"
SUBJECT_SEPARATOR = "; "
ENGLISH_SUBJECT_SHARE = 0.08
ENGLISH_SUBJECT_SHARE_WITH_EN = 0.25  # at schools that teach in English
ENGLISH_INSTRUCTION_SHARE = 0.3  # teachers who also teach in English at such schools
# Weights of each language of instruction at schools with several. Other codes get OTHER_LANGUAGE_WEIGHT.
TEACHER_LANGUAGE_WEIGHTS = {"kk": 0.55, "ru": 0.4}
OTHER_LANGUAGE_WEIGHT = 0.15
BILINGUAL_TEACHER_SHARE = 0.08
TEACHER_FEMALE_SHARE = 0.92
MAX_EXPERIENCE_YEARS = 45

# Qualification categories: the current levels педагог-модератор, -эксперт,
# -исследователь and -мастер, the older высшая, первая and вторая categories
# that some teachers still hold, and "none" for a teacher without a category.
TEACHER_CATEGORIES = ("highest", "first", "second", "moderator", "expert", "researcher", "master", "none")
# (minimum experience in years, category weights), by increasing experience.
CATEGORY_WEIGHTS_BY_EXPERIENCE = (
    (0, (("none", 1.0),)),
    (2, (("none", 0.4), ("moderator", 0.6))),
    (5, (("none", 0.1), ("moderator", 0.45), ("expert", 0.35), ("researcher", 0.1))),
    (10, (("none", 0.03), ("moderator", 0.2), ("expert", 0.3), ("researcher", 0.2),
          ("highest", 0.1), ("first", 0.12), ("second", 0.05))),
    (15, (("none", 0.02), ("moderator", 0.12), ("expert", 0.28), ("researcher", 0.22), ("master", 0.06),
          ("highest", 0.15), ("first", 0.1), ("second", 0.05))),
)
# Categories that a better teacher reaches more often.
HIGH_CATEGORIES = frozenset({"expert", "researcher", "master", "highest"})

SCHOOL_YEARS = ("2023-2024", "2024-2025", "2025-2026")
INDICATOR_KINDS = ("expected_level_share", "olympiad_share", "parent_feedback")
# Shares of teachers with indicators for only the last year or the last two
# years, besides those whose experience is shorter.
LAST_YEAR_ONLY_SHARE = 0.07
LAST_TWO_YEARS_SHARE = 0.08
MIN_FEEDBACK_RESPONSES = 3
MAX_FEEDBACK_RESPONSES = 40
FEW_RESPONSES_SHARE = 0.12
MIN_MEAN_SCORE = 2.5
MAX_MEAN_SCORE = 4.95
MIN_STANDARD_DEVIATION = 0.4
MAX_STANDARD_DEVIATION = 1.2
# Default minimum samples of the Swift teacher rating (RatingWeights.swift in
# Sources/Registry/Teachers). The rating reports smaller samples as "not enough
# data". --verify uses these values only for its counts.
RATING_MIN_PUPILS = 20
RATING_MIN_RESPONSES = 10


def clamp(value, low, high):
    return max(low, min(high, value))


def count_primary_pupils(school):
    """Return the estimated pupils of a school in grades 1-4, 0 if it teaches none of them."""
    passport = school["passport"]
    grades = parse_grades(passport["grades"])
    taught = sum(1 for grade in PRIMARY_GRADES if grade in grades)
    return passport["enrollment"] * min(1.0, PRIMARY_PUPIL_WEIGHT * taught / len(grades))


def primary_teacher_count(school):
    """Return the number of teachers of grades 1-4 at a school, 0 if it teaches none of them."""
    pupils = count_primary_pupils(school)
    if not pupils:
        return 0
    return max(1, round(pupils / CLASS_SIZE_BY_TYPE.get(school["type"], CLASS_SIZE)))


def draw_quality(rng, spread):
    """Return a value from -1.5 * spread to 1.5 * spread, bell-shaped around 0."""
    return (rng.random() + rng.random() + rng.random() - 1.5) * spread


def draw_experience(rng):
    if rng.random() < 0.12:
        return random_below(rng, 4)
    return 4 + int((MAX_EXPERIENCE_YEARS - 4) * (rng.random() + rng.random()) / 2)


def draw_category(rng, experience, quality):
    weights = ()
    for min_experience, band in CATEGORY_WEIGHTS_BY_EXPERIENCE:
        if experience >= min_experience:
            weights = band
    factor = max(0.2, 1.0 + quality)
    return random_weighted(rng, [(category, weight * factor if category in HIGH_CATEGORIES else weight)
                                 for category, weight in weights])


def draw_teacher_grades(rng, taught, pairing, index):
    """Return the grades of the index-th teacher of a school, within the grades 1-4 it teaches.

    `pairing` is a pair of combined-class grade texts, or None at a school without combined classes.
    """
    if taught != list(PRIMARY_GRADES):
        return ",".join(str(grade) for grade in taught)
    if pairing is not None:
        return pairing[index % 2]
    return random_weighted(rng, SPLIT_GRADES)


def draw_teacher_languages(rng, school_languages, teaches_english):
    instruction = [code for code in LANGUAGE_ORDER if code in school_languages and code != "en"]
    weights = [(code, TEACHER_LANGUAGE_WEIGHTS.get(code, OTHER_LANGUAGE_WEIGHT)) for code in instruction]
    first = random_weighted(rng, weights)
    languages = {first}
    if len(weights) > 1 and rng.random() < BILINGUAL_TEACHER_SHARE:
        languages.add(random_weighted(rng, [(code, weight) for code, weight in weights if code != first]))
    if teaches_english or ("en" in school_languages and rng.random() < ENGLISH_INSTRUCTION_SHARE):
        languages.add("en")
    return languages


def draw_class_size(rng, school_type, pupils_per_teacher):
    """Return (typical class size, min, max) in pupils for one teacher."""
    if school_type == "small_rural":
        size = round(pupils_per_teacher) + random_below(rng, 7) - 3
        return clamp(size, MIN_CLASS_PUPILS, SMALL_CLASS_MAX_PUPILS), MIN_CLASS_PUPILS, SMALL_CLASS_MAX_PUPILS
    if school_type == "correctional":
        return MIN_CLASS_PUPILS + random_below(rng, 8), MIN_CLASS_PUPILS, 12
    if rng.random() < SMALL_CLASS_SHARE:
        size = MIN_CLASS_PUPILS + 3 + random_below(rng, SMALL_CLASS_MAX_PUPILS - MIN_CLASS_PUPILS - 2)
        return size, MIN_CLASS_PUPILS, SMALL_CLASS_MAX_PUPILS
    spread = MAX_CLASS_PUPILS - MIN_USUAL_CLASS_PUPILS
    size = MIN_USUAL_CLASS_PUPILS + round(spread * max(rng.random(), rng.random()))
    return size, MIN_USUAL_CLASS_PUPILS, MAX_CLASS_PUPILS


def make_teachers(rng, school, first_number, id_width):
    """Return the teachers of grades 1-4 at `school` as dicts, numbered from `first_number`."""
    count = primary_teacher_count(school)
    if not count:
        return []
    grades = parse_grades(school["passport"]["grades"])
    taught = [grade for grade in PRIMARY_GRADES if grade in grades]
    pupils = count_primary_pupils(school)
    pairing = None
    if school["type"] == "small_rural" and pupils < COMBINED_CLASS_PUPILS and count > 1:
        pairing = choose_from(rng, COMBINED_CLASS_PAIRINGS)
    school_languages = school["languages"]
    english_share = ENGLISH_SUBJECT_SHARE_WITH_EN if "en" in school_languages else ENGLISH_SUBJECT_SHARE
    # The school's share of the hidden quality: selective schools attract better teachers.
    school_quality = (rng.random() + rng.random() - 1.0) * 0.4 + (0.15 if school["type"] in SELECTIVE_TYPES else 0.0)

    teachers = []
    for index in range(count):
        quality = school_quality + draw_quality(rng, 0.8)
        experience = draw_experience(rng)
        teaches_english = rng.random() < english_share
        languages = draw_teacher_languages(rng, school_languages, teaches_english)
        main_language = format_languages(languages).split(",")[0]
        name = make_person_name(rng, is_kazakh_name(rng, main_language), rng.random() < TEACHER_FEMALE_SHARE)
        subjects = [PRIMARY_SUBJECT] + ([ENGLISH_SUBJECT] if teaches_english else [])
        class_size = draw_class_size(rng, school["type"], pupils / count)
        teachers.append(
            {
                "id": f"t{first_number + index:0{id_width}d}",
                "school": school["id"],
                "name": name,
                "grades": draw_teacher_grades(rng, taught, pairing, index),
                "subjects": SUBJECT_SEPARATOR.join(subjects),
                "languages": format_languages(languages),
                "category": draw_category(rng, experience, quality),
                "experience_years": experience,
                "quality": quality,
                "class_size": class_size,
            }
        )
    return teachers


def draw_binomial(rng, trials, probability):
    return sum(1 for _ in range(trials) if rng.random() < probability)


def make_indicator_rows(rng, teacher):
    """Return the indicator rows of one teacher, in INDICATOR_COLUMNS order.

    The shares and the feedback mean rise with the teacher's hidden quality.
    A teacher in the first or second year of work has rows only for the years
    worked, and some others only for the last one or two years, as after a
    move from another school.
    """
    experience = teacher["experience_years"]
    quality = teacher["quality"] - (0.15 if experience < 3 else 0.0)
    draw = rng.random()
    if experience == 0 or draw < LAST_YEAR_ONLY_SHARE:
        first_year = len(SCHOOL_YEARS) - 1
    elif experience == 1 or draw < LAST_YEAR_ONLY_SHARE + LAST_TWO_YEARS_SHARE:
        first_year = len(SCHOOL_YEARS) - 2
    else:
        first_year = 0
    typical_size, min_size, max_size = teacher["class_size"]

    rows = []
    for school_year in SCHOOL_YEARS[first_year:]:
        pupils = clamp(typical_size + random_below(rng, 5) - 2, min_size, max_size)
        expected_probability = clamp(0.72 + 0.15 * quality + random_uniform(rng, -0.05, 0.05), 0.3, 0.98)
        olympiad_probability = clamp(0.04 + 0.05 * quality + random_uniform(rng, -0.02, 0.02), 0.0, 0.3)
        rows.append((teacher["id"], school_year, "expected_level_share",
                     draw_binomial(rng, pupils, expected_probability), "", "", pupils))
        rows.append((teacher["id"], school_year, "olympiad_share",
                     draw_binomial(rng, pupils, olympiad_probability), "", "", pupils))

        if rng.random() < FEW_RESPONSES_SHARE:
            responses = MIN_FEEDBACK_RESPONSES + random_below(rng, 7)
        else:
            responses = round(pupils * random_uniform(rng, 0.4, 1.3))
        responses = clamp(responses, MIN_FEEDBACK_RESPONSES, MAX_FEEDBACK_RESPONSES)
        noise = random_uniform(rng, -1.0, 1.0) * 1.2 / math.sqrt(responses)
        mean = clamp(4.05 + 0.9 * quality + noise, MIN_MEAN_SCORE, MAX_MEAN_SCORE)
        # Scores near the top of the 1-5 scale leave less room to spread. `feasible` is the
        # largest sample standard deviation that scores from 1 to 5 with this mean can have.
        feasible = math.sqrt((mean - 1) * (5 - mean) * responses / (responses - 1))
        deviation = 0.35 + 0.4 * (5 - mean) + random_uniform(rng, -0.1, 0.1)
        deviation = clamp(deviation, MIN_STANDARD_DEVIATION, min(MAX_STANDARD_DEVIATION, feasible))
        rows.append((teacher["id"], school_year, "parent_feedback", "", f"{mean:.2f}", f"{deviation:.2f}", responses))
    return rows


def write_teacher_files(out_dir, seed, schools):
    """Write teachers.csv and teacher_indicators.csv row by row; return summary lines."""
    total = sum(primary_teacher_count(school) for school in schools)
    id_width = max(4, len(str(total)))
    teacher_rng = make_rng(seed, "teachers")
    indicator_rng = make_rng(seed, "teacher-indicators")
    teacher_count = 0
    indicator_count = 0
    schools_with_teachers = 0
    teacher_output, teacher_writer = open_csv_writer(os.path.join(out_dir, TEACHERS_FILE))
    indicator_output, indicator_writer = open_csv_writer(os.path.join(out_dir, TEACHER_INDICATORS_FILE))
    with teacher_output, indicator_output:
        teacher_writer.writerow(TEACHER_COLUMNS)
        indicator_writer.writerow(INDICATOR_COLUMNS)
        for school in schools:
            teachers = make_teachers(teacher_rng, school, teacher_count + 1, id_width)
            schools_with_teachers += bool(teachers)
            for teacher in teachers:
                teacher_writer.writerow(teacher[column] for column in TEACHER_COLUMNS)
                rows = make_indicator_rows(indicator_rng, teacher)
                indicator_writer.writerows(rows)
                indicator_count += len(rows)
            teacher_count += len(teachers)
    return [
        f"Teachers: {teacher_count} of grades 1-4 at {schools_with_teachers} schools "
        f"({len(schools) - schools_with_teachers} schools teach none of grades 1-4), {indicator_count} indicator rows"
    ]


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def format_e7(value):
    """Format an integer number of 1e-7 degrees as a decimal with 7 digits."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    return f"{sign}{value // E7_PER_DEGREE}.{value % E7_PER_DEGREE:07d}"


def format_position(point):
    return f"[{format_e7(ORIGIN_LON_E7 + point[0])},{format_e7(ORIGIN_LAT_E7 + point[1])}]"


def format_polygon(ring):
    """Format an open CCW ring as a closed GeoJSON Polygon."""
    positions = ",".join(format_position(point) for point in list(ring) + [ring[0]])
    return '{"coordinates":[[' + positions + ']],"type":"Polygon"}'


def format_point(point):
    return '{"coordinates":' + format_position(point) + ',"type":"Point"}'


def format_feature(geometry, properties):
    """Format one Feature on one line, with the property keys in sorted order.

    Only the top-level keys are sorted, so a nested object such as free_places
    keeps its grades in numeric order ("9", "10") rather than text order.
    """
    properties_text = json.dumps(dict(sorted(properties.items())), ensure_ascii=False, separators=(",", ":"))
    return '{"geometry":' + geometry + ',"properties":' + properties_text + ',"type":"Feature"}'


def format_feature_collection(features):
    return '{"features":[\n' + ",\n".join(features) + '\n],"type":"FeatureCollection"}\n'


def write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as output:
        output.write(text)


def build_output_texts(city_id, seed, names, boundary, districts, schools, catchments):
    """Return {file name: text} for all output files.

    `districts` is a list of rounded rings; `catchments` maps a language to
    a list of (school, rounded ring).
    """
    city = {
        "id": city_id,
        "names": names,
        "demo": True,
        "note": "Generated demo data, not a real city",
        "generator": GENERATOR_PATH,
        "seed": seed,
        "schools": len(schools),
    }
    boundary_properties = {
        "id": city_id,
        "name_kk": names["kk"],
        "name_ru": names["ru"],
        "name_en": names["en"],
        "demo": True,
    }
    district_features = []
    for index, ring in enumerate(districts):
        name_kk, name_ru, name_en = make_district_names(index + 1)
        properties = {"id": f"d{index + 1}", "name_kk": name_kk, "name_ru": name_ru, "name_en": name_en, "demo": True}
        district_features.append(format_feature(format_polygon(ring), properties))
    school_features = [
        format_feature(format_point(school["point"]), make_school_properties(school)) for school in schools
    ]
    catchment_features = []
    for language in LANGUAGE_LAYERS:
        for school, ring in catchments[language]:
            properties = {
                "key": f"{school['id']}-{language}",
                "school": school["id"],
                "language": language,
                "demo": True,
            }
            catchment_features.append(format_feature(format_polygon(ring), properties))
    return {
        "city.json": json.dumps(city, ensure_ascii=False, sort_keys=True, indent=2) + "\n",
        "boundary.geojson": format_feature_collection(
            [format_feature(format_polygon(boundary.vertices), boundary_properties)]
        ),
        "districts.geojson": format_feature_collection(district_features),
        "schools.geojson": format_feature_collection(school_features),
        "catchments.geojson": format_feature_collection(catchment_features),
    }


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------


def remove_stale_files(out_dir, file_names):
    """Delete the files that an earlier run left in `out_dir`; return a line for each."""
    lines = []
    for file_name in file_names:
        path = os.path.join(out_dir, file_name)
        if os.path.exists(path):
            os.remove(path)
            lines.append(f"  removed {path}, left from an earlier run")
    return lines


def generate_city(
    city_id, school_count, seed, out_dir, with_addresses=True, addresses_target=None, with_teachers=True
):
    """Generate the demo city and write it to `out_dir`; return summary lines.

    `addresses_target` is the approximate number of address rows, or None for
    the default of about 175 per street.
    """
    started = time.monotonic()
    boundary = build_boundary(make_rng(seed, "boundary"), school_count)
    seeds = place_district_seeds(make_rng(seed, "districts"), boundary, district_count_for(school_count))
    placements = place_schools(make_rng(seed, "schools"), boundary, seeds, school_count)
    schools = describe_schools(make_rng(seed, "attributes"), city_id, placements, boundary)
    add_passports(make_rng(seed, "passports"), schools)

    districts = round_cells(compute_voronoi_cells(boundary, seeds), boundary)
    catchments = {}
    for language in LANGUAGE_LAYERS:
        layer_schools = [school for school in schools if language in school["languages"]]
        cells = compute_voronoi_cells(boundary, [school["point"] for school in layer_schools])
        catchments[language] = list(zip(layer_schools, round_cells(cells, boundary)))

    names = make_city_names(city_id)
    texts = build_output_texts(city_id, seed, names, boundary, districts, schools, catchments)
    for file_name, text in texts.items():
        write_text(os.path.join(out_dir, file_name), text)

    # The streets and addresses use their own random streams, so the files above stay the same with or without them.
    street_lines = []
    if with_addresses:
        streets = choose_streets(make_rng(seed, "streets"), school_count, addresses_target)
        write_address_files(out_dir, streets, lay_out_streets(seed, streets, boundary, districts, seeds))
        street_lines = summarise_streets(streets)
    else:
        street_lines = remove_stale_files(out_dir, ADDRESS_OUTPUT_FILES)

    # Teachers use their own random streams too, and read only the schools' ids, types, languages
    # and passports, so the files above stay the same with or without them.
    if with_teachers:
        teacher_lines = write_teacher_files(out_dir, seed, schools)
    else:
        teacher_lines = remove_stale_files(out_dir, TEACHER_OUTPUT_FILES)

    elapsed = time.monotonic() - started
    lines = [
        f"Generated demo city '{city_id}' (seed {seed}): {len(schools)} schools, {len(districts)} districts, "
        f"boundary with {len(boundary.vertices)} vertices and {boundary.area_m2() / 1e6:.1f} km2",
        "Catchments: " + ", ".join(f"{language} {len(catchments[language])}" for language in LANGUAGE_LAYERS),
        *summarise_passports(schools),
        *street_lines,
        *teacher_lines,
    ]
    written = OUTPUT_FILES + (ADDRESS_OUTPUT_FILES if with_addresses else ()) + (
        TEACHER_OUTPUT_FILES if with_teachers else ()
    )
    for file_name in written:
        path = os.path.join(out_dir, file_name)
        lines.append(f"  wrote {path} ({os.path.getsize(path)} bytes)")
    lines.append(f"Elapsed: {elapsed:.1f} s")
    return lines


# ---------------------------------------------------------------------------
# Verification of written files
# ---------------------------------------------------------------------------


class Verifier:
    """Check written files with exact arithmetic and collect failures."""

    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.failures = []
        self.lines = []

    def fail(self, message):
        self.failures.append(message)

    def load(self, file_name):
        path = os.path.join(self.out_dir, file_name)
        # Parse decimals as exact fractions, so 7-decimal values convert to E7 integers exactly.
        with open(path, encoding="utf-8") as source:
            return json.load(source, parse_float=Fraction, parse_int=Fraction)

    def load_collection(self, file_name, geometry_type):
        data = self.load(file_name)
        if data.get("type") != "FeatureCollection":
            self.fail(f"{file_name}: top-level type is {data.get('type')!r}, expected 'FeatureCollection'")
            return []
        if "crs" in data:
            self.fail(f"{file_name}: contains a 'crs' member, which RFC 7946 removed")
        features = data.get("features", [])
        for number, feature in enumerate(features, start=1):
            geometry = feature.get("geometry") or {}
            if feature.get("type") != "Feature" or geometry.get("type") != geometry_type:
                self.fail(f"{file_name}: feature {number} is not a Feature with a {geometry_type} geometry")
            if "crs" in feature or "crs" in geometry:
                self.fail(f"{file_name}: feature {number} contains a 'crs' member")
            if feature.get("properties", {}).get("demo") is not True:
                self.fail(f"{file_name}: feature {number} lacks \"demo\": true")
        return features

    def to_e7(self, position, label):
        """Convert a [lon, lat] position to E7 integers, failing on more than 7 decimals."""
        values = []
        for value in position:
            scaled = Fraction(value) * E7_PER_DEGREE
            if scaled.denominator != 1:
                self.fail(f"{label}: coordinate {value} has more than 7 decimals")
            values.append(int(scaled))
        if len(values) != 2 or not (-180 * E7_PER_DEGREE <= values[0] <= 180 * E7_PER_DEGREE) or not (
            -90 * E7_PER_DEGREE <= values[1] <= 90 * E7_PER_DEGREE
        ):
            self.fail(f"{label}: position {position} is not a WGS 84 [lon, lat] pair")
        return tuple(values)

    def read_polygon_ring(self, feature, label):
        """Return the open exterior ring of a Polygon feature after structural checks."""
        rings = feature["geometry"]["coordinates"]
        if len(rings) != 1:
            self.fail(f"{label}: has {len(rings)} rings, expected 1 exterior ring and no holes")
        positions = [self.to_e7(position, label) for position in rings[0]]
        if len(positions) < 4 or positions[0] != positions[-1]:
            self.fail(f"{label}: ring is not closed or has fewer than 4 positions")
            return positions
        ring = positions[:-1]
        for index in range(len(ring)):
            if ring[index] == ring[(index + 1) % len(ring)]:
                self.fail(f"{label}: repeated consecutive vertex {format_position_absolute(ring[index])}")
        if signed_area_doubled(ring) <= 0:
            self.fail(f"{label}: exterior ring is not counter-clockwise")
        elif not is_convex_ring(ring) and not is_simple_ring(ring):
            self.fail(f"{label}: ring intersects itself")
        return ring

    def check_partition(self, label, rings, boundary):
        """Check that `rings` (label -> open CCW ring) tile `boundary` exactly.

        Every edge shared by two cells must appear once in each direction.
        Every other edge must lie on a boundary edge, and those pieces must
        cover each boundary edge end to end without overlap. Together with
        simple CCW rings, this proves there are no gaps, overlaps or
        T-junctions. The area sum is then compared as an independent check.
        """
        edges = Counter()
        for ring in rings.values():
            for index in range(len(ring)):
                edges[(ring[index], ring[(index + 1) % len(ring)])] += 1
        for (start, end), count in edges.items():
            if count > 1:
                self.fail(f"{label}: edge {format_edge(start, end)} appears {count} times in the same direction (overlap)")
        shared = sum(1 for start, end in edges if (end, start) in edges) // 2

        pieces = defaultdict(list)
        boundary_count = len(boundary)
        unmatched = [(start, end) for start, end in edges if (end, start) not in edges]
        for start, end in unmatched:
            edge = find_boundary_edge(boundary, start, end)
            if edge is None:
                self.fail(
                    f"{label}: edge {format_edge(start, end)} has no reverse edge in a neighbouring cell and does "
                    f"not run forward along the boundary (gap, overlap or T-junction)"
                )
            else:
                pieces[edge].append((start, end))
        for edge in range(boundary_count):
            corner = boundary[edge]
            next_corner = boundary[(edge + 1) % boundary_count]
            direction = (next_corner[0] - corner[0], next_corner[1] - corner[1])
            chain = sorted(
                pieces.get(edge, []),
                key=lambda piece: (piece[0][0] - corner[0]) * direction[0] + (piece[0][1] - corner[1]) * direction[1],
            )
            position = corner
            for start, end in chain:
                if start != position:
                    self.fail(
                        f"{label}: boundary edge {edge} is not covered end to end near {format_position_absolute(position)}"
                    )
                position = end
            if position != next_corner:
                self.fail(
                    f"{label}: boundary edge {edge} is not covered up to {format_position_absolute(next_corner)}"
                )

        cell_area = sum(signed_area_doubled(ring) for ring in rings.values())
        boundary_area = signed_area_doubled(boundary)
        if cell_area == boundary_area:
            area_text = f"area sum equals the boundary area exactly ({e7_area_to_km2(boundary_area):.3f} km2)"
        else:
            difference = abs(cell_area - boundary_area) / 2
            self.fail(f"{label}: area sum differs from the boundary area by {difference} square E7 units")
            area_text = "area sum differs from the boundary area"
        self.lines.append(
            f"{label}: {len(rings)} polygons, {shared} shared edges matched in both directions, "
            f"{len(unmatched)} boundary pieces covering {boundary_count} boundary edges, {area_text}"
        )

    def verify(self):
        city = self.load("city.json")
        if city.get("demo") is not True:
            self.fail("city.json: lacks \"demo\": true")

        boundary_features = self.load_collection("boundary.geojson", "Polygon")
        if len(boundary_features) != 1:
            self.fail(f"boundary.geojson: has {len(boundary_features)} features, expected 1")
            return False
        boundary = self.read_polygon_ring(boundary_features[0], "boundary")
        convex = "convex" if is_convex_ring(boundary) else "NOT convex"
        self.lines.append(f"boundary: {len(boundary)} vertices, closed, CCW, {convex}")

        districts = {}
        for feature in self.load_collection("districts.geojson", "Polygon"):
            district_id = feature["properties"]["id"]
            if district_id in districts:
                self.fail(f"districts.geojson: district id {district_id} appears more than once")
            districts[district_id] = self.read_polygon_ring(feature, f"district {district_id}")
        self.check_partition("districts", districts, boundary)

        schools = {}
        school_properties = {}
        for feature in self.load_collection("schools.geojson", "Point"):
            properties = feature["properties"]
            school_properties[properties["id"]] = properties
            point = self.to_e7(feature["geometry"]["coordinates"], f"school {properties['id']}")
            languages = set(properties["languages"].split(","))
            if not languages & set(LANGUAGE_LAYERS):
                self.fail(f"school {properties['id']}: teaches neither kk nor ru ({properties['languages']})")
            if properties["id"] in schools:
                self.fail(f"schools.geojson: school id {properties['id']} appears more than once")
            schools[properties["id"]] = (point, languages, properties["district"])
        if int(city.get("schools", -1)) != len(schools):
            self.fail(f"city.json: schools is {city.get('schools')}, but schools.geojson has {len(schools)} features")
        school_grades = self.check_passports(school_properties)

        outside_district = 0
        for school_id, (point, _, district_id) in schools.items():
            ring = districts.get(district_id)
            if ring is None or locate_point(ring, point) != "inside":
                outside_district += 1
                self.fail(f"school {school_id}: not strictly inside its district {district_id}")
        self.lines.append(f"schools: {len(schools) - outside_district} of {len(schools)} strictly inside their district")

        layers = defaultdict(dict)
        for feature in self.load_collection("catchments.geojson", "Polygon"):
            properties = feature["properties"]
            key = properties["key"]
            layer = layers[properties["language"]]
            if properties["school"] in layer:
                self.fail(f"catchment {key}: second cell for school {properties['school']}")
            layer[properties["school"]] = self.read_polygon_ring(feature, f"catchment {key}")
        if set(layers) != set(LANGUAGE_LAYERS):
            self.fail(f"catchments.geojson: languages {sorted(layers)}, expected {list(LANGUAGE_LAYERS)}")
        for language in LANGUAGE_LAYERS:
            cells = layers.get(language, {})
            expected = {school_id for school_id, (_, languages, _) in schools.items() if language in languages}
            if set(cells) != expected:
                self.fail(
                    f"{language}: cells exist for {len(cells)} schools, expected one for each of "
                    f"{len(expected)} schools teaching {language}"
                )
            self.check_partition(f"{language} catchments", cells, boundary)
            inside = 0
            for school_id, ring in cells.items():
                if school_id in schools and locate_point(ring, schools[school_id][0]) == "inside":
                    inside += 1
                else:
                    self.fail(f"{language}: school {school_id} is not strictly inside its own cell")
            self.lines.append(f"{language} catchments: {inside} of {len(cells)} schools strictly inside their own cell")
        self.verify_streets_and_addresses(boundary, districts)
        school_languages = {school_id: languages for school_id, (_, languages, _) in schools.items()}
        self.verify_teachers(school_grades, school_languages)
        return not self.failures

    def verify_streets_and_addresses(self, boundary, districts):
        """Check streets.csv and addresses.csv, which --no-addresses leaves out."""
        present = [os.path.exists(os.path.join(self.out_dir, name)) for name in ADDRESS_OUTPUT_FILES]
        if not any(present):
            self.lines.append(
                f"{STREETS_FILE} and {ADDRESSES_FILE}: not present, so not checked (--no-addresses leaves them out)"
            )
            return
        if not all(present):
            missing = [name for name, exists in zip(ADDRESS_OUTPUT_FILES, present) if not exists]
            self.fail(f"{missing[0]}: missing, but {ADDRESS_OUTPUT_FILES[present.index(True)]} is present")
            return
        streets = self.read_streets(districts)
        self.check_addresses(streets, boundary, districts)

    def read_csv(self, file_name, columns):
        """Return the data rows of a CSV file after checking its header and field counts."""
        with open(os.path.join(self.out_dir, file_name), encoding="utf-8", newline="") as source:
            rows = list(csv.reader(source))
        if not rows or tuple(rows[0]) != columns:
            self.fail(f"{file_name}: header is {rows[0] if rows else None}, expected {list(columns)}")
            return []
        valid = []
        for line, row in enumerate(rows[1:], start=2):
            if len(row) != len(columns):
                self.fail(f"{file_name}: line {line} has {len(row)} fields, expected {len(columns)}")
            else:
                valid.append(row)
        return valid

    def read_streets(self, districts):
        """Check streets.csv and return {name_ru: district id}."""
        streets = {}
        names_kk = set()
        aliases = []
        by_type = Counter()
        names_by_base = defaultdict(list)
        for name_ru, name_kk, type_name, district, alias_text in self.read_csv(STREETS_FILE, STREET_COLUMNS):
            label = f"{STREETS_FILE}: {name_ru!r}"
            street_type = STREET_TYPES_BY_NAME.get(type_name)
            if street_type is None:
                self.fail(f"{label}: unknown type {type_name!r}")
            elif not name_ru.startswith(street_type.name_ru + " ") or not name_kk.endswith(" " + street_type.name_kk):
                self.fail(f"{label}: names {name_ru!r} / {name_kk!r} do not contain the type words of {type_name}")
            else:
                names_by_base[name_ru[len(type_name) + 1:]].append((type_name, district))

            if name_ru in streets:
                self.fail(f"{label}: name_ru appears more than once")
            if name_kk in names_kk:
                self.fail(f"{label}: name_kk {name_kk!r} appears more than once")
            if district not in districts:
                self.fail(f"{label}: district {district!r} is not in districts.geojson")

            if alias_text:
                aliases.extend((name_ru, alias) for alias in alias_text.split(ALIAS_SEPARATOR))
            streets[name_ru] = district
            names_kk.add(name_kk)
            by_type[type_name] += 1

        for name_ru, alias in aliases:
            if not alias or alias != alias.strip() or alias in streets:
                self.fail(
                    f"{STREETS_FILE}: {name_ru!r} has the alias {alias!r}, which is empty or another street's name"
                )

        shared = [entries for entries in names_by_base.values() if len(entries) > 1]
        shared_apart = sum(1 for entries in shared if len({district for _, district in entries}) == len(entries))
        type_text = ", ".join(f"{name} {count}" for name, count in by_type.most_common())
        self.lines.append(
            f"{STREETS_FILE}: {len(streets)} streets ({type_text}), {len({name for name, _ in aliases})} with "
            f"{len(aliases)} former names; names borne by streets of two types: {len(shared)}, "
            f"of which in different districts: {shared_apart}"
        )
        return streets

    def check_addresses(self, streets, boundary, districts):
        """Check every row of addresses.csv against the streets, the boundary and the districts."""
        inside_boundary = make_strict_inside_test(boundary)
        district_ids = list(districts)
        district_rings = [districts[district_id] for district_id in district_ids]
        counts_by_street = defaultdict(lambda: [0] * len(district_rings))
        rows_by_address = Counter()
        seen = set()
        forms = Counter()
        outside = 0
        last_district = 0
        rows = self.read_csv(ADDRESSES_FILE, ADDRESS_COLUMNS)
        for line, (street, house, lat_text, lon_text) in enumerate(rows, start=2):
            label = f"{ADDRESSES_FILE}: line {line}"
            if street not in streets:
                self.fail(f"{label}: street {street!r} is not in {STREETS_FILE}")
            form = classify_house(house)
            if form is None:
                self.fail(f"{label}: house {house!r} has no known form")
            forms[form] += 1
            if not (COORDINATE_PATTERN.fullmatch(lat_text) and COORDINATE_PATTERN.fullmatch(lon_text)):
                self.fail(f"{label}: lat {lat_text!r} or lon {lon_text!r} is not a decimal with 7 digits")
                continue
            point = (int(lon_text.replace(".", "")), int(lat_text.replace(".", "")))
            if (street, house, point) in seen:
                self.fail(f"{label}: repeats the street, house and point of an earlier row")
            seen.add((street, house, point))
            rows_by_address[(street, house)] += 1
            if not inside_boundary(point):
                outside += 1
                self.fail(f"{label}: point {lat_text}, {lon_text} is not strictly inside the boundary")
            counts = counts_by_street[street]
            if locate_point(district_rings[last_district], point) == "inside":
                counts[last_district] += 1
                continue
            for index, ring in enumerate(district_rings):
                if index != last_district and locate_point(ring, point) == "inside":
                    counts[index] += 1
                    last_district = index
                    break

        empty = [street for street in streets if street not in counts_by_street]
        if empty:
            self.fail(f"{ADDRESSES_FILE}: {len(empty)} streets have no address, for example {empty[0]!r}")
        district_index = {district_id: index for index, district_id in enumerate(district_ids)}
        in_own_district = 0
        for street, counts in counts_by_street.items():
            own = district_index.get(streets.get(street))
            if own is not None and counts[own] == max(counts):
                in_own_district += 1
            elif street in streets:
                self.fail(f"{STREETS_FILE}: {street!r} is in {streets[street]}, but most of its addresses are not")
        multi_building = [count for count in rows_by_address.values() if count > 1]
        self.lines.append(
            f"{ADDRESSES_FILE}: {len(rows)} rows on {len(counts_by_street)} streets, "
            f"{len(rows) - outside} strictly inside the boundary, {len(seen)} distinct (street, house, point) rows, "
            f"{len(rows_by_address)} distinct (street, house) addresses"
        )
        building_counts = ", ".join(
            f"{number} on {count} rows" for count, number in sorted(Counter(multi_building).items())
        )
        building_text = f" ({building_counts})" if building_counts else ""
        self.lines.append(f"{ADDRESSES_FILE}: {len(multi_building)} addresses with several buildings{building_text}")
        self.lines.append(
            f"{ADDRESSES_FILE}: {in_own_district} of {len(counts_by_street)} streets have most addresses "
            f"in their district"
        )
        self.lines.append(
            "house forms: " + ", ".join(f"{form} {count}" for form, count in forms.most_common() if form is not None)
        )

    def check_passports(self, school_properties):
        """Check the passport properties of every school; return {school id: taught grades}.

        Schools with missing passport properties or invalid grades are left out of the result.
        """
        taught_grades = {}
        complete = 0
        overcrowded = 0
        with_free_places = 0
        free_place_total = 0
        ratios = []
        shifts = Counter()
        profiles = 0
        for school_id, properties in school_properties.items():
            label = f"school {school_id}"
            missing = [name for name in PASSPORT_PROPERTIES if name not in properties]
            if missing:
                self.fail(f"{label}: missing passport properties: {', '.join(missing)}")
                continue
            complete += 1
            json_texts = {name: describe_json_value(properties[name]) for name in PASSPORT_PROPERTIES}

            grades = parse_grades(properties["grades"]) if isinstance(properties["grades"], str) else None
            if not grades or grades[-1] > MAX_GRADE:
                self.fail(
                    f"{label}: grades {json_texts['grades']} is not a range such as \"0-11\" within 0-{MAX_GRADE}"
                )
                grades = []
            else:
                taught_grades[school_id] = set(grades)

            shift_count = read_whole_number(properties["shifts"])
            if shift_count not in (1, 2):
                self.fail(f"{label}: shifts is {json_texts['shifts']}, expected 1 or 2")
            shifts[shift_count] += 1
            capacity = read_whole_number(properties["capacity"])
            enrollment = read_whole_number(properties["enrollment"])
            if capacity is None or capacity <= 0:
                self.fail(f"{label}: capacity is {json_texts['capacity']}, expected a whole number above 0")
            if enrollment is None or enrollment <= 0:
                self.fail(f"{label}: enrollment is {json_texts['enrollment']}, expected a whole number above 0")
            if capacity is not None and enrollment is not None and capacity > 0 and enrollment > 0:
                ratios.append(enrollment / capacity)
                overcrowded += enrollment > capacity

            if "free_places" in properties:
                with_free_places += 1
                free_place_total += self.check_free_places(label, properties["free_places"], set(grades))

            for name in ("director", "phone", "email", "website", "programmes"):
                if not isinstance(properties[name], str):
                    self.fail(f"{label}: {name} is {json_texts[name]}, expected a string")
            for name in ("profile", "accessibility"):
                if properties[name] is not None and (not isinstance(properties[name], str) or not properties[name]):
                    self.fail(f"{label}: {name} is {json_texts[name]}, expected null or a non-empty string")
            profiles += properties["profile"] is not None
            if isinstance(properties["director"], str) and len(properties["director"].split()) != 3:
                self.fail(f"{label}: director {json_texts['director']} is not a full name of 3 words")
            if isinstance(properties["phone"], str) and not PHONE_PATTERN.fullmatch(properties["phone"]):
                self.fail(f"{label}: phone {json_texts['phone']} is not written as \"+7 7XX XXX XX XX\"")
            if isinstance(properties["email"], str) and not properties["email"].endswith("@" + DEMO_DOMAIN):
                self.fail(f"{label}: email {json_texts['email']} is not under the demo domain {DEMO_DOMAIN}")
            if isinstance(properties["website"], str) and not properties["website"].startswith("https://"):
                self.fail(f"{label}: website {json_texts['website']} does not start with https://")
            founded = read_whole_number(properties["founded"])
            if founded is None or not MIN_FOUNDED <= founded <= MAX_FOUNDED:
                self.fail(
                    f"{label}: founded is {json_texts['founded']}, expected a year from {MIN_FOUNDED} to {MAX_FOUNDED}"
                )

        ratio_text = f"enrollment {min(ratios):.0%} to {max(ratios):.0%} of capacity, " if ratios else ""
        self.lines.append(
            f"school passports: {complete} of {len(school_properties)} complete, {ratio_text}"
            f"{overcrowded} above capacity, shifts {shifts[1]} x 1 and {shifts[2]} x 2, {profiles} with a profile, "
            f"{with_free_places} with free places by grade ({free_place_total} places)"
        )
        return taught_grades

    def check_free_places(self, label, free_places, grades):
        """Check one free_places object and return its total number of places."""
        if not isinstance(free_places, dict):
            json_text = describe_json_value(free_places)
            self.fail(f"{label}: free_places is {json_text}, expected an object of grades to places")
            return 0
        total = 0
        for grade, places in free_places.items():
            if not grade.isdigit() or int(grade) not in grades:
                self.fail(f"{label}: free_places names grade {grade!r}, which the school does not teach")
            count = read_whole_number(places)
            if count is None or count < 0:
                self.fail(
                    f"{label}: free_places of grade {grade} is {describe_json_value(places)}, "
                    f"expected a whole number of 0 or more"
                )
            else:
                total += count
        return total

    def verify_teachers(self, school_grades, school_languages):
        """Check teachers.csv and teacher_indicators.csv, which --no-teachers leaves out."""
        present = [os.path.exists(os.path.join(self.out_dir, name)) for name in TEACHER_OUTPUT_FILES]
        if not any(present):
            self.lines.append(
                f"{TEACHERS_FILE} and {TEACHER_INDICATORS_FILE}: not present, so not checked "
                f"(--no-teachers leaves them out)"
            )
            return
        if not all(present):
            missing = [name for name, exists in zip(TEACHER_OUTPUT_FILES, present) if not exists]
            self.fail(f"{missing[0]}: missing, but {TEACHER_OUTPUT_FILES[present.index(True)]} is present")
            return
        teachers = self.check_teachers(school_grades, school_languages)
        self.check_teacher_indicators(teachers)

    def check_teachers(self, school_grades, school_languages):
        """Check every row of teachers.csv; return the set of teacher ids."""
        teachers = set()
        schools = Counter()
        categories = Counter()
        experience_values = []
        for line, row in enumerate(self.read_csv(TEACHERS_FILE, TEACHER_COLUMNS), start=2):
            teacher_id, school, name, grades_text, subjects_text, languages_text, category, experience_text = row
            label = f"{TEACHERS_FILE}: line {line}"
            if not TEACHER_ID_PATTERN.fullmatch(teacher_id):
                self.fail(f"{label}: id {teacher_id!r} is not written as \"t0001\"")
            if teacher_id in teachers:
                self.fail(f"{label}: id {teacher_id} appears more than once")
            teachers.add(teacher_id)
            if school not in school_languages:
                self.fail(f"{label}: school {school!r} is not in schools.geojson")
            schools[school] += 1
            if len(name.split()) != 3:
                self.fail(f"{label}: name {name!r} is not a full name of 3 words")

            grades = parse_grades(grades_text)
            if not grades:
                self.fail(f"{label}: grades {grades_text!r} is not a range such as \"1-4\" or a list such as \"1,2\"")
            elif school in school_grades and not set(grades) <= school_grades[school]:
                self.fail(f"{label}: grades {grades_text} include grades that school {school} does not teach")

            subjects = subjects_text.split(SUBJECT_SEPARATOR)
            if subjects[0] != PRIMARY_SUBJECT or not set(subjects[1:]) <= {ENGLISH_SUBJECT}:
                self.fail(
                    f"{label}: subjects {subjects_text!r} are not {PRIMARY_SUBJECT!r}, "
                    f"optionally with {ENGLISH_SUBJECT!r}"
                )
            languages = languages_text.split(",")
            if format_languages(set(languages)) != languages_text:
                self.fail(
                    f"{label}: languages {languages_text!r} are not distinct codes in the order "
                    f"{','.join(LANGUAGE_ORDER)}"
                )
            allowed = set(school_languages.get(school, ()))
            if ENGLISH_SUBJECT in subjects:
                allowed.add("en")
            if school in school_languages and not set(languages) <= allowed:
                self.fail(f"{label}: languages {languages_text} are not all taught at school {school}")

            if category not in TEACHER_CATEGORIES:
                self.fail(f"{label}: category {category!r} is not one of {', '.join(TEACHER_CATEGORIES)}")
            categories[category] += 1
            if not experience_text.isdigit() or int(experience_text) > MAX_EXPERIENCE_YEARS:
                self.fail(
                    f"{label}: experience_years {experience_text!r} is not a whole number "
                    f"from 0 to {MAX_EXPERIENCE_YEARS}"
                )
            else:
                experience_values.append(int(experience_text))

        experience_text = ""
        if experience_values:
            experience_text = f", experience {min(experience_values)} to {max(experience_values)} years"
        category_text = ", ".join(f"{category} {count}" for category, count in categories.most_common())
        self.lines.append(
            f"{TEACHERS_FILE}: {len(teachers)} teachers at {len(schools)} schools, all schools found in "
            f"schools.geojson: {'yes' if set(schools) <= set(school_languages) else 'no'}{experience_text}"
        )
        self.lines.append(f"{TEACHERS_FILE}: categories {category_text}")
        return teachers

    def check_teacher_indicators(self, teachers):
        """Check every row of teacher_indicators.csv against the teachers, reading it row by row."""
        # For each teacher, a bit for each (school year, kind) pair already seen.
        seen = defaultdict(int)
        by_kind = Counter()
        by_year = Counter()
        mean_scores = []
        small_samples = Counter()  # latest-year samples below the rating's default minimum
        path = os.path.join(self.out_dir, TEACHER_INDICATORS_FILE)
        with open(path, encoding="utf-8", newline="") as source:
            reader = csv.reader(source)
            header = next(reader, None)
            if header is None or tuple(header) != INDICATOR_COLUMNS:
                self.fail(f"{TEACHER_INDICATORS_FILE}: header is {header}, expected {list(INDICATOR_COLUMNS)}")
                return
            for line, row in enumerate(reader, start=2):
                label = f"{TEACHER_INDICATORS_FILE}: line {line}"
                if len(row) != len(INDICATOR_COLUMNS):
                    self.fail(f"{label}: has {len(row)} fields, expected {len(INDICATOR_COLUMNS)}")
                    continue
                teacher, school_year, kind, successes, mean_text, deviation_text, sample_text = row
                if teacher not in teachers:
                    self.fail(f"{label}: teacher {teacher!r} is not in {TEACHERS_FILE}")
                if school_year not in SCHOOL_YEARS or kind not in INDICATOR_KINDS:
                    self.fail(f"{label}: school year {school_year!r} or kind {kind!r} is unknown")
                    continue
                bit = 1 << (SCHOOL_YEARS.index(school_year) * len(INDICATOR_KINDS) + INDICATOR_KINDS.index(kind))
                if seen[teacher] & bit:
                    self.fail(f"{label}: repeats {kind} of teacher {teacher} for {school_year}")
                seen[teacher] |= bit
                by_kind[kind] += 1
                by_year[school_year] += 1
                if not sample_text.isdigit() or int(sample_text) == 0:
                    self.fail(f"{label}: sample_size {sample_text!r} is not a whole number above 0")
                    continue
                sample_size = int(sample_text)
                latest = school_year == SCHOOL_YEARS[-1]

                if kind == "parent_feedback":
                    if successes:
                        self.fail(f"{label}: successes {successes!r} is given for parent_feedback, expected empty")
                    if not SCORE_PATTERN.fullmatch(mean_text) or not 1 <= float(mean_text) <= 5:
                        self.fail(f"{label}: mean_score {mean_text!r} is not a decimal from 1.00 to 5.00")
                    else:
                        mean_scores.append(float(mean_text))
                    if not SCORE_PATTERN.fullmatch(deviation_text):
                        self.fail(f"{label}: standard_deviation {deviation_text!r} is not a decimal of 0 or more")
                    if latest and sample_size < RATING_MIN_RESPONSES:
                        small_samples[kind] += 1
                    continue
                if mean_text or deviation_text:
                    self.fail(f"{label}: mean_score or standard_deviation is given for {kind}, expected empty")
                if not successes.isdigit() or int(successes) > sample_size:
                    self.fail(
                        f"{label}: successes {successes!r} is not a whole number from 0 to sample_size {sample_size}"
                    )
                if latest and sample_size < RATING_MIN_PUPILS:
                    small_samples[kind] += 1

        all_kinds = (1 << len(INDICATOR_KINDS)) - 1
        year_counts = Counter()
        for teacher in teachers:
            mask = seen.get(teacher, 0)
            years = [(mask >> (index * len(INDICATOR_KINDS))) & all_kinds for index in range(len(SCHOOL_YEARS))]
            if any(kinds not in (0, all_kinds) for kinds in years):
                self.fail(f"{TEACHER_INDICATORS_FILE}: teacher {teacher} lacks a kind in a school year with indicators")
            if not years[-1]:
                self.fail(f"{TEACHER_INDICATORS_FILE}: teacher {teacher} has no indicators for {SCHOOL_YEARS[-1]}")
            year_counts[sum(1 for kinds in years if kinds)] += 1

        kind_text = ", ".join(f"{kind} {by_kind[kind]}" for kind in INDICATOR_KINDS)
        year_text = ", ".join(f"{year} {by_year[year]}" for year in SCHOOL_YEARS)
        self.lines.append(
            f"{TEACHER_INDICATORS_FILE}: {sum(by_kind.values())} rows ({kind_text}; {year_text}), "
            f"every teacher found in {TEACHERS_FILE}: {'yes' if set(seen) <= teachers else 'no'}"
        )
        span_text = ", ".join(f"{count} with {years}" for years, count in sorted(year_counts.items(), reverse=True))
        score_text = f", mean_score {min(mean_scores):.2f} to {max(mean_scores):.2f}" if mean_scores else ""
        self.lines.append(
            f"{TEACHER_INDICATORS_FILE}: teachers by school years with indicators: {span_text}{score_text}"
        )
        self.lines.append(
            f"{TEACHER_INDICATORS_FILE}: in {SCHOOL_YEARS[-1]}, {small_samples['expected_level_share']} teachers "
            f"have fewer than {RATING_MIN_PUPILS} pupils and {small_samples['parent_feedback']} fewer than "
            f"{RATING_MIN_RESPONSES} feedback responses (not enough data at the rating's default minimums)"
        )


def format_position_absolute(point):
    return f"[{format_e7(point[0])}, {format_e7(point[1])}]"


def format_edge(start, end):
    return f"{format_position_absolute(start)} -> {format_position_absolute(end)}"


def find_boundary_edge(boundary, start, end):
    """Return the index of the boundary edge that contains segment start-end in the same direction."""
    count = len(boundary)
    for index in range(count):
        corner = boundary[index]
        next_corner = boundary[(index + 1) % count]
        dx = next_corner[0] - corner[0]
        dy = next_corner[1] - corner[1]
        if cross(dx, dy, start[0] - corner[0], start[1] - corner[1]) != 0:
            continue
        if cross(dx, dy, end[0] - corner[0], end[1] - corner[1]) != 0:
            continue
        start_along = (start[0] - corner[0]) * dx + (start[1] - corner[1]) * dy
        end_along = (end[0] - corner[0]) * dx + (end[1] - corner[1]) * dy
        if 0 <= start_along < end_along <= dx * dx + dy * dy:
            return index
    return None


def turn(a, b, c):
    return cross(b[0] - a[0], b[1] - a[1], c[0] - a[0], c[1] - a[1])


def is_convex_ring(ring):
    """Return whether an open CCW ring is convex; collinear vertices are allowed, spikes are not.

    With no right turns and a positive area (which callers check first), a
    ring whose edge x-direction changes sign at most twice turns exactly once
    around, so it is also simple.
    """
    count = len(ring)
    x_signs = []
    for index in range(count):
        a, b, c = ring[index - 1], ring[index], ring[(index + 1) % count]
        turn_value = turn(a, b, c)
        if turn_value < 0:
            return False
        if turn_value == 0 and (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0:
            return False
        dx = c[0] - b[0]
        if dx != 0:
            x_signs.append(dx > 0)
    sign_changes = sum(1 for index in range(len(x_signs)) if x_signs[index] != x_signs[index - 1])
    return sign_changes <= 2


def segments_intersect(p1, p2, q1, q2):
    """Return whether closed segments p1-p2 and q1-q2 share at least one point."""
    d1 = turn(q1, q2, p1)
    d2 = turn(q1, q2, p2)
    d3 = turn(p1, p2, q1)
    d4 = turn(p1, p2, q2)
    if ((d1 > 0 and d2 < 0) or (d1 < 0 and d2 > 0)) and ((d3 > 0 and d4 < 0) or (d3 < 0 and d4 > 0)):
        return True

    def on_segment(a, b, point):
        return min(a[0], b[0]) <= point[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= point[1] <= max(a[1], b[1])

    return (
        (d1 == 0 and on_segment(q1, q2, p1))
        or (d2 == 0 and on_segment(q1, q2, p2))
        or (d3 == 0 and on_segment(p1, p2, q1))
        or (d4 == 0 and on_segment(p1, p2, q2))
    )


def is_simple_ring(ring):
    """Return whether an open ring has no self-intersections (quadratic check)."""
    count = len(ring)
    for index in range(count):
        a, b = ring[index], ring[(index + 1) % count]
        c = ring[(index + 2) % count]
        # Adjacent edges may only share their common vertex.
        if turn(a, b, c) == 0 and (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0:
            return False
        for other in range(index + 2, count):
            if index == 0 and other == count - 1:
                continue
            if segments_intersect(a, b, ring[other], ring[(other + 1) % count]):
                return False
    return True


def locate_point(ring, point):
    """Return "inside", "boundary" or "outside" for a point and an open simple ring."""
    winding = 0
    count = len(ring)
    px, py = point
    for index in range(count):
        a = ring[index]
        b = ring[(index + 1) % count]
        side = turn(a, b, point)
        if side == 0 and min(a[0], b[0]) <= px <= max(a[0], b[0]) and min(a[1], b[1]) <= py <= max(a[1], b[1]):
            return "boundary"
        if a[1] <= py < b[1] and side > 0:
            winding += 1
        elif b[1] <= py < a[1] and side < 0:
            winding -= 1
    return "inside" if winding != 0 else "outside"


COORDINATE_PATTERN = re.compile(r"-?[0-9]{1,3}\.[0-9]{7}")
# Passport properties that every school has. The optional free_places is not listed.
PASSPORT_PROPERTIES = (
    "grades", "shifts", "capacity", "enrollment", "director", "phone", "email", "website",
    "founded", "profile", "programmes", "accessibility",
)
PHONE_PATTERN = re.compile(r"\+7 7[0-9]{2} [0-9]{3} [0-9]{2} [0-9]{2}")
SCORE_PATTERN = re.compile(r"[0-9]\.[0-9]{2}")


def describe_json_value(value):
    """Format a value read by Verifier.load as JSON text for messages, with whole numbers as integers."""
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(float(value))
    return json.dumps(value, ensure_ascii=False, default=lambda number: float(number))


def read_whole_number(value):
    """Return a JSON number read by Verifier.load as an int, or None if it is not a whole number."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value)
    return None
# (form, pattern) pairs for house numbers, checked in order.
HOUSE_FORMS = (
    ("plain (12)", re.compile(r"[0-9]+")),
    ("letter (12А)", re.compile(r"[0-9]+[А-ЯЁ]")),
    ("fraction (12/1)", re.compile(r"[0-9]+/[0-9]+")),
    ("building part (12к2)", re.compile(r"[0-9]+к[0-9]+")),
    ("letter and building part (15Ак3)", re.compile(r"[0-9]+[А-ЯЁ]к[0-9]+")),
    ("lowercase letter (12а)", re.compile(r"[0-9]+[а-яё]")),
    ("литера (5 литера Б)", re.compile(r"[0-9]+ литера [А-ЯЁ]")),
    ("spaced building part (12 к 2)", re.compile(r"[0-9]+[А-ЯЁ]? к [0-9]+")),
    ("корп. (12 корп. 2)", re.compile(r"[0-9]+[А-ЯЁ]? корп\. [0-9]+")),
    ("стр. (12 стр. 1)", re.compile(r"[0-9]+[А-ЯЁ]? стр\. [0-9]+")),
)


def classify_house(house):
    """Return the name of the form of a house number, or None for an unknown form."""
    for form, pattern in HOUSE_FORMS:
        if pattern.fullmatch(house):
            return form
    return None


def make_strict_inside_test(ring):
    """Return a predicate for "the point is strictly inside the open CCW `ring`".

    A strictly convex ring is searched as a fan from its first vertex in
    O(log n) turns per point. Other rings fall back to locate_point.
    """
    count = len(ring)
    strictly_convex = count >= 3 and all(
        turn(ring[index - 1], ring[index], ring[(index + 1) % count]) > 0 for index in range(count)
    )
    if not strictly_convex:
        return lambda point: locate_point(ring, point) == "inside"
    first = ring[0]

    def is_strictly_inside(point):
        if turn(first, ring[1], point) <= 0 or turn(first, ring[-1], point) >= 0:
            return False
        low, high = 1, count - 1
        while high - low > 1:
            middle = (low + high) // 2
            if turn(first, ring[middle], point) > 0:
                low = middle
            else:
                high = middle
        return turn(ring[low], ring[high], point) > 0

    return is_strictly_inside


def verify_output(out_dir):
    """Verify the files in `out_dir`, print a report and return whether all checks passed."""
    started = time.monotonic()
    verifier = Verifier(out_dir)
    try:
        passed = verifier.verify()
    except (OSError, ValueError, KeyError, TypeError, csv.Error) as error:
        verifier.fail(f"reading the output in {out_dir} failed: {error!r}. Generate it first or check --out")
        passed = False
    print(f"Verifying {out_dir}")
    for line in verifier.lines:
        print(f"  {line}")
    for message in verifier.failures[:50]:
        print(f"  FAILED: {message}")
    if len(verifier.failures) > 50:
        print(f"  ... and {len(verifier.failures) - 50} more failures")
    print(f"{'OK' if passed else 'FAILED'} ({time.monotonic() - started:.1f} s)")
    return passed


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def parse_school_count(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid school count {text!r}: expected an integer from 1 to {MAX_SCHOOLS}")
    if not 1 <= value <= MAX_SCHOOLS:
        raise argparse.ArgumentTypeError(f"invalid school count {value}: expected an integer from 1 to {MAX_SCHOOLS}")
    return value


def parse_addresses_target(text):
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not 1 <= value <= MAX_ADDRESSES_TARGET:
        raise argparse.ArgumentTypeError(
            f"invalid address count {text!r}: expected an integer from 1 to {MAX_ADDRESSES_TARGET}"
        )
    return value


def parse_city_id(text):
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", text):
        raise argparse.ArgumentTypeError(
            f"invalid city id {text!r}: use lowercase letters, digits, '-' and '_', starting with a letter or digit"
        )
    return text


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description=(
            "Generate a fictional Kazakh-style demo city (boundary, districts, schools and kk/ru catchments as "
            "RFC 7946 GeoJSON; streets, addresses, teachers and teacher indicators as CSV). All output is invented "
            "demo data."
        ),
    )
    parser.add_argument(
        "--schools",
        type=parse_school_count,
        default=DEFAULT_SCHOOLS,
        metavar="N",
        help=(
            f"number of schools (count, 1 to {MAX_SCHOOLS}; default {DEFAULT_SCHOOLS}). The city area grows in "
            f"proportion, about 1.3 km2 per school, and schools are at least {SCHOOL_SPACING_M:.0f} m apart"
        ),
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        metavar="S",
        help=f"random seed (integer; default {DEFAULT_SEED}). The same options give byte-identical files",
    )
    parser.add_argument(
        "--out",
        default=DEFAULT_OUT,
        metavar="DIR",
        help=f"output directory, created if missing; existing output files are replaced (default {DEFAULT_OUT})",
    )
    parser.add_argument(
        "--id",
        type=parse_city_id,
        default=DEFAULT_ID,
        metavar="ID",
        help=(
            "city id, also the prefix of school ids such as ID-001 "
            f"(lowercase letters, digits, '-', '_'; default {DEFAULT_ID})"
        ),
    )
    addresses = parser.add_mutually_exclusive_group()
    addresses.add_argument(
        "--addresses-target",
        type=parse_addresses_target,
        metavar="N",
        help=(
            f"approximate number of rows in {ADDRESSES_FILE} (count, 1 to {MAX_ADDRESSES_TARGET}). Streets are "
            f"added while the mean would exceed {MAX_MEAN_ADDRESSES_PER_STREET} rows per street. Default: "
            f"{STREETS_PER_SCHOOL} streets per school (at least {MIN_STREETS}) with about 175 rows each, "
            f"scaled down to at most {DEFAULT_MAX_ADDRESSES} rows"
        ),
    )
    addresses.add_argument(
        "--no-addresses",
        action="store_true",
        help=(
            f"do not write {STREETS_FILE} and {ADDRESSES_FILE}, and delete them from --out if an earlier run "
            f"left them"
        ),
    )
    parser.add_argument(
        "--no-teachers",
        action="store_true",
        help=(
            f"do not write {TEACHERS_FILE} and {TEACHER_INDICATORS_FILE}, and delete them from --out if an earlier "
            f"run left them. Without it, a school gets one teacher of grades 1-4 per {CLASS_SIZE} pupils of those "
            f"grades, so --schools 7000 writes about 160,000 teachers"
        ),
    )
    parser.add_argument(
        "--verify",
        action="store_true",
        help=(
            "do not generate; check the files already in --out with exact arithmetic (topology of districts and "
            "kk/ru catchments, ring orientation, schools inside their cells, addresses inside the boundary and on "
            "streets of streets.csv), check school passports, teachers and teacher indicators for valid values and "
            "references, and exit with status 1 on failure"
        ),
    )
    return parser.parse_args(argv)


def prepare_output_directory(out_dir):
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise GenerationError(f"output path {out_dir} exists and is not a directory. Choose another --out")
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as error:
        raise GenerationError(f"cannot create output directory {out_dir}: {error.strerror}. Choose another --out")
    if not os.access(out_dir, os.W_OK):
        raise GenerationError(f"output directory {out_dir} is not writable. Choose another --out")


def main(argv=None):
    arguments = parse_arguments(argv)
    if arguments.verify:
        return 0 if verify_output(arguments.out) else 1
    try:
        prepare_output_directory(arguments.out)
        summary = generate_city(
            arguments.id,
            arguments.schools,
            arguments.seed,
            arguments.out,
            with_addresses=not arguments.no_addresses,
            addresses_target=arguments.addresses_target,
            with_teachers=not arguments.no_teachers,
        )
    except GenerationError as error:
        print(f"make_demo_city: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"make_demo_city: error: writing {arguments.out} failed: {error}", file=sys.stderr)
        return 1
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
