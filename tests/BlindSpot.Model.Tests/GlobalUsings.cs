global using BlindSpot.Core.Domain;
global using BlindSpot.Model.Features;
global using BlindSpot.Model.Training;
global using BlindSpot.Model.Evaluation;
