import pytest


@pytest.fixture
def ctx(world, projects, stats, catalogue):
    """The world with its projects, statistics zones and indicator catalogue, for the security tables."""
    world.projects, world.stats, world.catalogue = projects, stats, catalogue
    return world
