"""Role frames: the constructions that tie a person to titles and an employer.

``frames.load_frame_data`` reads and validates ``patterns/role_frames.yml``;
``frames.frame_roles`` finds the roles a person's name opens (pure functions of a Doc).
The spaCy component is ``pipeline.components.roles``.
"""

from .frames import FoundRole, RoleFrameData, founder_roles, frame_roles, load_frame_data, pronoun_roles

__all__ = ["FoundRole", "RoleFrameData", "frame_roles", "founder_roles", "load_frame_data", "pronoun_roles"]
