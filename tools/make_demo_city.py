#!/usr/bin/env python3
"""Generate a fictional Kazakh-style demo city for Sakura.

The output directory receives:

- city.json: the city id, names in kk/ru/en and the generator settings;
- boundary.geojson: the convex city boundary;
- districts.geojson: districts that partition the boundary;
- schools.geojson: one point per school with names, languages and address;
- catchments.geojson: for each language of instruction (kk and ru), the
  Voronoi cells of the schools that teach it, clipped to the boundary.

Everything is invented demo data placed in empty steppe near 68.5 E, 47.5 N.
No real city, school or address is described, and every record carries
"demo": true.

All geometry is computed with exact integer arithmetic and written with 7
decimals, so within one language (and among the districts) neighbouring
polygons share their edges with identical vertices and tile the boundary
without gaps or overlaps. `--verify` checks this on files already written.
The standard library is enough to run the script, and on one platform the
output is byte-identical for the same options.
"""

import argparse
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
        "demo": True,
    }


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
    """Format one Feature on one line, with keys in sorted order."""
    properties_text = json.dumps(properties, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
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


def generate_city(city_id, school_count, seed, out_dir):
    """Generate the demo city and write it to `out_dir`; return summary lines."""
    started = time.monotonic()
    boundary = build_boundary(make_rng(seed, "boundary"), school_count)
    seeds = place_district_seeds(make_rng(seed, "districts"), boundary, district_count_for(school_count))
    placements = place_schools(make_rng(seed, "schools"), boundary, seeds, school_count)
    schools = describe_schools(make_rng(seed, "attributes"), city_id, placements, boundary)

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

    elapsed = time.monotonic() - started
    lines = [
        f"Generated demo city '{city_id}' (seed {seed}): {len(schools)} schools, {len(districts)} districts, "
        f"boundary with {len(boundary.vertices)} vertices and {boundary.area_m2() / 1e6:.1f} km2",
        "Catchments: " + ", ".join(f"{language} {len(catchments[language])}" for language in LANGUAGE_LAYERS),
    ]
    for file_name in OUTPUT_FILES:
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
        for feature in self.load_collection("schools.geojson", "Point"):
            properties = feature["properties"]
            point = self.to_e7(feature["geometry"]["coordinates"], f"school {properties['id']}")
            languages = set(properties["languages"].split(","))
            if not languages & set(LANGUAGE_LAYERS):
                self.fail(f"school {properties['id']}: teaches neither kk nor ru ({properties['languages']})")
            if properties["id"] in schools:
                self.fail(f"schools.geojson: school id {properties['id']} appears more than once")
            schools[properties["id"]] = (point, languages, properties["district"])
        if int(city.get("schools", -1)) != len(schools):
            self.fail(f"city.json: schools is {city.get('schools')}, but schools.geojson has {len(schools)} features")

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
        return not self.failures


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


def verify_output(out_dir):
    """Verify the files in `out_dir`, print a report and return whether all checks passed."""
    started = time.monotonic()
    verifier = Verifier(out_dir)
    try:
        passed = verifier.verify()
    except (OSError, ValueError, KeyError, TypeError) as error:
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


def parse_city_id(text):
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", text):
        raise argparse.ArgumentTypeError(
            f"invalid city id {text!r}: use lowercase letters, digits, '-' and '_', starting with a letter or digit"
        )
    return text


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description=(
            "Generate a fictional Kazakh-style demo city (boundary, districts, schools and "
            "kk/ru catchments as RFC 7946 GeoJSON). All output is invented demo data."
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
    parser.add_argument(
        "--verify",
        action="store_true",
        help=(
            "do not generate; check the files already in --out with exact arithmetic (topology of districts and "
            "kk/ru catchments, ring orientation, schools inside their cells) and exit with status 1 on failure"
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
        summary = generate_city(arguments.id, arguments.schools, arguments.seed, arguments.out)
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
