"""Moved to :mod:`pipeline.speedups.depmatcher`; this name stays for old imports."""

from ..speedups.depmatcher import DependencyTree, SharedNodeDependencyMatcher, tree_roots

__all__ = ["DependencyTree", "SharedNodeDependencyMatcher", "tree_roots"]
