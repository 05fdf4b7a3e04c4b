"""A tiny Piper-format voice made by the tests: Piper's exact inputs and output, a buzz for speech.

The network takes what every Piper voice takes (`input` phoneme ids [1, N], `input_lengths`
[1], `scales` [3] = noise, length, noise_w, and `sid` [1] when it has several speakers) and
returns `output` [1, 1, samples]: a sawtooth whose length is SAMPLES_PER_ID x N x
length_scale and whose pitch is BASE_PITCH, raised by half for each speaker id. The config
is a real Piper `.onnx.json` with the standard espeak phoneme table, so piper-tts itself
phonemizes the text and feeds the network as it would a downloaded voice.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from piper.phoneme_ids import DEFAULT_PHONEME_ID_MAP

SAMPLE_RATE = 22050
SAMPLES_PER_ID = 512  # about 23 ms a phoneme id, so an episode stays short to build
BASE_PITCH = 140.0  # Hz, speaker 0
SPEAKER_STEP = 0.5  # each further speaker is 50 % higher
SPEAKERS = {"juma": 0, "amina": 1}


def _const(name: str, value: np.ndarray) -> onnx.NodeProto:
    return helper.make_node("Constant", [], [name], value=numpy_helper.from_array(value, name))


def build_model(num_speakers: int = 1, base_pitch: float = BASE_PITCH) -> bytes:
    """The serialized ONNX network of a Piper voice with `num_speakers` speakers."""
    f32, i64 = np.float32, np.int64
    nodes = [
        _const("per_id", np.array([SAMPLES_PER_ID], f32)),
        _const("length_index", np.array([1], i64)),
        _const("zero", np.array(0, i64)),
        _const("one", np.array(1, i64)),
        _const("axis0", np.array([0], i64)),
        _const("rate", np.array([SAMPLE_RATE], f32)),
        _const("base", np.array([base_pitch], f32)),
        _const("two", np.array([2.0], f32)),
        _const("unit", np.array([1.0], f32)),
        _const("amplitude", np.array([0.5], f32)),
        _const("out_shape", np.array([1, 1, -1], i64)),
        # samples = input_lengths x SAMPLES_PER_ID x length_scale
        helper.make_node("Cast", ["input_lengths"], ["ids"], to=TensorProto.FLOAT),
        helper.make_node("Gather", ["scales", "length_index"], ["length_scale"]),
        helper.make_node("Mul", ["ids", "per_id"], ["frames"]),
        helper.make_node("Mul", ["frames", "length_scale"], ["samples_f"]),
        helper.make_node("Cast", ["samples_f"], ["samples_1"], to=TensorProto.INT64),
        helper.make_node("Squeeze", ["samples_1", "axis0"], ["samples"]),
        helper.make_node("Range", ["zero", "samples", "one"], ["index"]),
        helper.make_node("Cast", ["index"], ["index_f"], to=TensorProto.FLOAT),
        helper.make_node("Div", ["index_f", "rate"], ["seconds"]),
    ]
    if num_speakers > 1:
        # pitch = base x (1 + SPEAKER_STEP x sid)
        nodes += [
            _const("step", np.array([SPEAKER_STEP], f32)),
            helper.make_node("Cast", ["sid"], ["sid_f"], to=TensorProto.FLOAT),
            helper.make_node("Mul", ["sid_f", "step"], ["raise"]),
            helper.make_node("Add", ["unit", "raise"], ["factor"]),
            helper.make_node("Mul", ["base", "factor"], ["pitch"]),
        ]
    else:
        nodes.append(helper.make_node("Identity", ["base"], ["pitch"]))
    # A sawtooth: 2 x frac(t x pitch) - 1, buzzy like a voice, so a pitch tracker locks on.
    nodes += [
        helper.make_node("Mul", ["seconds", "pitch"], ["cycles"]),
        helper.make_node("Floor", ["cycles"], ["whole"]),
        helper.make_node("Sub", ["cycles", "whole"], ["frac"]),
        helper.make_node("Mul", ["frac", "two"], ["ramp"]),
        helper.make_node("Sub", ["ramp", "unit"], ["saw"]),
        helper.make_node("Mul", ["saw", "amplitude"], ["audio"]),
        helper.make_node("Reshape", ["audio", "out_shape"], ["output"]),
    ]
    inputs = [
        helper.make_tensor_value_info("input", TensorProto.INT64, [1, "phonemes"]),
        helper.make_tensor_value_info("input_lengths", TensorProto.INT64, [1]),
        helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3]),
    ]
    if num_speakers > 1:
        inputs.append(helper.make_tensor_value_info("sid", TensorProto.INT64, [1]))
    graph = helper.make_graph(
        nodes,
        "audiocast-test-voice",
        inputs,
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, "samples"])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8  # what onnxruntime releases of the last years all read
    onnx.checker.check_model(model)
    return model.SerializeToString()


def voice_config(num_speakers: int = 1, language: str = "sw") -> dict[str, object]:
    """A Piper `.onnx.json` as piper's training exports it."""
    return {
        "audio": {"sample_rate": SAMPLE_RATE, "quality": "medium"},
        "espeak": {"voice": language},
        "language": {"code": "sw_CD", "family": "sw", "region": "CD", "name_english": "Swahili"},
        "inference": {"noise_scale": 0.667, "length_scale": 1.0, "noise_w": 0.8},
        "phoneme_type": "espeak",
        "phoneme_map": {},
        "phoneme_id_map": DEFAULT_PHONEME_ID_MAP,
        "num_symbols": 256,
        "num_speakers": num_speakers,
        "speaker_id_map": SPEAKERS if num_speakers > 1 else {},
        "piper_version": "1.0.0",
        "dataset": "audiocast-test",
    }


def write_voice(
    folder: Path,
    name: str = "sw_TZ-test-medium",
    num_speakers: int = 1,
    base_pitch: float = BASE_PITCH,
    language: str = "sw",
) -> Path:
    """Write NAME.onnx and NAME.onnx.json into `folder`; the model's path."""
    folder.mkdir(parents=True, exist_ok=True)
    model = folder / f"{name}.onnx"
    model.write_bytes(build_model(num_speakers, base_pitch))
    config = voice_config(num_speakers, language)
    Path(f"{model}.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    return model
