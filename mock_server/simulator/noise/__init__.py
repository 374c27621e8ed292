"""Noise: descriptions of error channels and where they go, and the sampler that runs them.

channels.py names the channels (as qiskit-aer does: a depolarizing error, a
readout error), model.py says which ones a run has and after which gates,
trajectories.py samples a noisy run shot by shot. The simulator is given a
NoiseModel; it never looks up a device or a name.
"""

from mock_server.simulator.noise.channels import DepolarizingError, ReadoutError
from mock_server.simulator.noise.model import Location, NoiseModel, locations

__all__ = ["DepolarizingError", "Location", "NoiseModel", "ReadoutError", "locations"]
