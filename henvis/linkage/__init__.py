"""Privacy-preserving record linkage: each organisation encodes its records with a shared
secret key; the statistics unit links the encoded records into persons.

>>> from henvis.linkage import encode_frame, link_frames  # doctest: +SKIP
>>> result = link_frames([encode_frame(a, key), encode_frame(b, key)])  # doctest: +SKIP
"""

from henvis.linkage.encode import encode_frame, load_secret
from henvis.linkage.link import LinkResult, link_frames

__all__ = ["LinkResult", "encode_frame", "link_frames", "load_secret"]
